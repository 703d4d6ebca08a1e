using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Pledge.Cli.Commands.Consent;
using Pledge.Retention;
using Spectre.Console;

namespace Pledge.Cli.Commands.Retention;

/// <summary><c>pledge retention plan</c> and <c>pledge retention run</c>.</summary>
internal static class RetentionRunCommands
{
    /// <summary>Test hook: a run exits abruptly (as if killed) after this many batches. Never set it in production.</summary>
    public const string CrashAfterVariable = "PLEDGE_RETENTION_CRASH_AFTER";

    private static Option<string?> RuleOption() => new("--rule") { Description = "Only this rule (by id)." };

    private static Option<int> BatchOption() => new("--batch-size") { Description = "Rows per batch; each batch is one short transaction.", DefaultValueFactory = _ => 5_000 };

    public static Command Plan(StoreOptions store)
    {
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON." };
        var rule = RuleOption();
        var batch = BatchOption();
        var command = new Command("plan", "Dry run: per rule, the rows that would be acted on, the oldest anchor, the rows held back, and the SQL.") { rule, batch, json };
        command.SetAction((parse, ct) => PlanAsync(parse, store, parse.GetValue(rule), parse.GetValue(batch), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> PlanAsync(ParseResult parse, StoreOptions store, string? ruleId, int batchSize, bool json, CancellationToken ct)
    {
        {
            var (session, code) = await RetentionSession.OpenAsync(parse, store, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var compilation = RetentionPlanner.Compile(session.Policy, ruleId);
                try
                {
                    var plan = await RetentionPlan.PlanAsync(session.Store, session.Connectors, compilation.Rules, session.Store.Time.GetUtcNow(), batchSize, ct);
                    if (json)
                    {
                        Output.WriteJson(new { rules = plan, skipped = compilation.Skipped });
                        return ExitCodes.Ok;
                    }

                    Output.Table(["rule", "table", "action", "cut-off", "rows", "oldest anchor", "held"], plan.Select(p => (IReadOnlyList<string>)
                        [p.RuleId, $"{p.System}.{p.Table}", p.Action.ToString().ToLowerInvariant(), p.Cutoff.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                         p.Rows.ToString("N0", CultureInfo.InvariantCulture), p.OldestAnchor ?? "-", p.Held.ToString("N0", CultureInfo.InvariantCulture)]));
                    foreach (var skipped in compilation.Skipped)
                    {
                        Console.Out.WriteLine($"  {skipped.RuleId}: {skipped.Reason}");
                    }

                    foreach (var p in plan)
                    {
                        Console.Out.WriteLine();
                        Console.Out.WriteLine($"-- {p.RuleId}: one batch");
                        foreach (var statement in p.Statements)
                        {
                            Console.Out.WriteLine(statement + ";");
                        }
                    }

                    return ExitCodes.Ok;
                }
                catch (DbException e)
                {
                    return Output.Fail(ExitCodes.Unavailable, "database error: " + e.Message);
                }
            }
        }
    }

    public static Command Run(StoreOptions store)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Plan only (as pledge retention plan)." };
        var lease = new Option<int>("--lease-seconds")
        {
            Description = "How long a rule stays claimed by a run that died without finishing it; renewed with every batch.",
            DefaultValueFactory = _ => 300,
        };
        var rule = RuleOption();
        var batch = BatchOption();
        var command = new Command("run", "Enforce the rules: set-based batches, an audit entry per batch, resumable, safe to start twice.") { rule, batch, dryRun, lease };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(dryRun))
            {
                return await PlanAsync(parse, store, parse.GetValue(rule), parse.GetValue(batch), json: false, ct);
            }

            var (session, code) = await RetentionSession.OpenAsync(parse, store, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var compilation = RetentionPlanner.Compile(session.Policy, parse.GetValue(rule));
                var key = compilation.Rules.Any(r => r.Action == Policy.Model.RetentionAction.Anonymise) ? RetentionSession.Key(parse, store) : null;
                if (key is null && compilation.Rules.Any(r => r.Action == Policy.Model.RetentionAction.Anonymise))
                {
                    return ExitCodes.Configuration;
                }

                var crashAfter = int.TryParse(Environment.GetEnvironmentVariable(CrashAfterVariable), CultureInfo.InvariantCulture, out var n) ? n : 0;
                var options = new RetentionRunOptions(CliActor.Current, parse.GetValue(batch), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(lease))), key,
                    AfterBatch: crashAfter > 0 ? b => { if (b >= crashAfter) { Environment.FailFast("retention crash test"); } } : null);
                var runner = new RetentionRunner(session.Store, session.Connectors, options);
                try
                {
                    var result = Output.IsTerminal
                        ? await RunWithProgressAsync(runner, compilation, ct)
                        : await runner.RunAsync(compilation.Rules, new PlainProgress(), ct);
                    Console.Out.WriteLine($"job {result.JobId}{(result.Resumed ? " (resumed)" : "")}: " +
                        $"{result.Rules.Sum(r => r.Affected).ToString("N0", CultureInfo.InvariantCulture)} rows in {result.Rules.Length} rules" +
                        (result.Rules.Any(r => r.Status == RuleRunStatus.Busy) ? $"; left to another instance: {string.Join(", ", result.Rules.Where(r => r.Status == RuleRunStatus.Busy).Select(r => r.RuleId))}" : ""));
                    foreach (var rule in result.Rules)
                    {
                        Console.Out.WriteLine($"  {rule.RuleId}: {rule.Status.ToString().ToLowerInvariant()}, {rule.Affected.ToString(CultureInfo.InvariantCulture)} rows, {rule.Cascaded.ToString(CultureInfo.InvariantCulture)} cascaded, {rule.Batches.ToString(CultureInfo.InvariantCulture)} batches");
                    }

                    return ExitCodes.Ok;
                }
                catch (DbException e)
                {
                    return Output.Fail(ExitCodes.Unavailable, "database error: " + e.Message + " (run again to resume)");
                }
            }
        });
        return command;
    }

    private static async Task<RetentionRunResult> RunWithProgressAsync(RetentionRunner runner, RetentionCompilation compilation, CancellationToken cancellationToken)
    {
        RetentionRunResult? result = null;
        await AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = compilation.Rules.ToDictionary(r => r.Id, r => context.AddTask(r.Id, autoStart: false, maxValue: 1));
                var progress = new Progress<RetentionBatch>(b =>
                {
                    var task = tasks[b.RuleId];
                    task.StartTask();
                    task.Description = $"{b.RuleId}: {b.RuleTotal.ToString("N0", CultureInfo.InvariantCulture)} rows";
                });
                result = await runner.RunAsync(compilation.Rules, progress, cancellationToken);
                foreach (var rule in result.Rules)
                {
                    tasks[rule.RuleId].Description = $"{rule.RuleId}: {rule.Affected.ToString("N0", CultureInfo.InvariantCulture)} rows ({rule.Status.ToString().ToLowerInvariant()})";
                    tasks[rule.RuleId].Value = 1;
                    tasks[rule.RuleId].StopTask();
                }
            });
        return result!;
    }

    /// <summary>One line per batch, for logs and pipes.</summary>
    private sealed class PlainProgress : IProgress<RetentionBatch>
    {
        public void Report(RetentionBatch value) =>
            Console.Out.WriteLine($"{value.RuleId}: batch {value.Batch.ToString(CultureInfo.InvariantCulture)}, {value.Rows.ToString(CultureInfo.InvariantCulture)} rows, {value.RuleTotal.ToString(CultureInfo.InvariantCulture)} in all");
    }
}
