# syntax=docker/dockerfile:1
# Build with the SDK, run on the ASP.NET runtime as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
# The app is published compiled ahead of time (ReadyToRun) for the image's architecture, so restore for it too.
ARG TARGETARCH
RUN dotnet restore SpendOps.Web/SpendOps.Web.csproj -a $TARGETARCH
RUN dotnet publish SpendOps.Web/SpendOps.Web.csproj -c Release -a $TARGETARCH -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
# Everything the app keeps on disk lives in its data folder, /app/data: the SQLite database (when used), the usage spill
# folder and journal, and the generated key hash and sign-in key secrets (when Keys__HashSecret or
# DataProtection__KeySecret is not set).
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
# Unprefixed variables override appsettings.json (whose Urls binds localhost only, for a developer machine).
# MALLOC_ARENA_MAX: glibc gives threads that allocate natively (the JIT, SQLite) arenas of their own, up to eight per
# core, and each keeps what was freed into it; two took about 25 MB off the peak under load (README, Performance).
ENV Urls=http://+:8080 \
    DataFolder=/app/data \
    MALLOC_ARENA_MAX=2
EXPOSE 8080
VOLUME ["/app/data"]
# The runtime image has no curl or wget: the app itself asks its /healthz.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "SpendOps.Web.dll", "healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "SpendOps.Web.dll"]
