# syntax=docker/dockerfile:1
# Build and test with the SDK, run on the ASP.NET runtime as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet restore SpendOpsPortal.sln
RUN dotnet publish SpendOps.Web/SpendOps.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
# Unprefixed variables override appsettings.json (whose Urls binds localhost only, for a developer machine).
ENV Urls=http://+:8080 \
    ConnectionStrings__SpendOps="Data Source=/app/data/spendops.db"
EXPOSE 8080
VOLUME ["/app/data"]
ENTRYPOINT ["dotnet", "SpendOps.Web.dll"]
