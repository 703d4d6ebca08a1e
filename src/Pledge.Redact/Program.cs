using Pledge.Cli;
using Pledge.Cli.Commands;

// pledge-redact: `pledge redact` compiled to native code, for log pipelines that start it per file or per stream.
return await CommandLineHost.RunAsync(RedactCommand.CreateRoot(), "pledge-redact", args);
