using System.Net;
using Yarp.ReverseProxy.Forwarder;

// Forwards /v1/openai/{path} to the provider given as the first argument, with nothing else: no key check, no
// capture, no usage record. Run by bench/run.sh to show what the stack alone costs on the benchmark machine.
var upstream = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:18081";
var listen = args.Length > 1 ? args[1] : "http://127.0.0.1:18084";

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Services.AddHttpForwarder();
var app = builder.Build();
var invoker = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
});
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
var transformer = new PathTransformer(upstream);
app.Map("/v1/openai/{**rest}", async (HttpContext context) =>
{
    await forwarder.SendAsync(context, upstream, invoker, ForwarderRequestConfig.Empty, transformer);
});
app.Run(listen);

internal sealed class PathTransformer(string upstream) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var path = httpContext.Request.Path.Value!["/v1/openai".Length..];
        proxyRequest.RequestUri = new Uri(upstream + path + httpContext.Request.QueryString);
        proxyRequest.Headers.Host = null;
    }
}
