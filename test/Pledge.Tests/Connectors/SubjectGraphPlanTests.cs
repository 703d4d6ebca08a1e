using Pledge.Connectors.Graph;
using Pledge.Policy.Model;

namespace Pledge.Tests.Connectors;

public sealed class SubjectGraphPlanTests
{
    [Fact]
    public void Build_Example_OrdersTablesByTheirReferences()
    {
        var plan = SubjectGraphPlan.Build(DemoDatabase.ExamplePolicy(ConnectorKind.Sqlite));

        var app = plan.System("app")!;
        var step = app.Tables.ToDictionary(t => t.Name, t => t.Step);
        Assert.Equal(0, step["accounts"]);
        Assert.Equal(1, step["devices"]);
        Assert.Equal(1, step["support_tickets"]);
        Assert.Equal(2, step["sign_ins"]); // after accounts and devices, read once with both key lists
        Assert.Equal(2, step["support_logs"]);
        Assert.Equal(3, app.Steps);
        Assert.Equal(19, plan.Systems.Sum(s => s.Tables.Count()));
        Assert.DoesNotContain(plan.Systems.SelectMany(s => s.Components), c => c.IsCycle);
        Assert.Empty(plan.Unreachable);
    }

    [Fact]
    public void Build_Example_ReadsTheKeysChildrenReferenceAndEveryMappedColumn()
    {
        var app = SubjectGraphPlan.Build(DemoDatabase.ExamplePolicy(ConnectorKind.Sqlite)).System("app")!;

        var devices = app.Tables.Single(t => t.Name == "devices");
        var signIns = app.Tables.Single(t => t.Name == "sign_ins");
        Assert.Equal(["id"], devices.LinkColumns.ToArray());
        Assert.Equal(["account_id", "device_id"], signIns.Parents.Select(p => p.ChildColumn));
        Assert.Equal(["id"], devices.KeyColumns.ToArray());
        Assert.Contains("computer_name", devices.Columns);
        Assert.Equal("id", devices.Columns[0]);
    }

    [Fact]
    public void Build_TableLinkedOnlyAsAParent_IsUnreachable()
    {
        // orders points at products, but products has no identity and nothing that belongs to a subject points at it.
        var policy = PlanTables.PolicyWith(
            PlanTables.Table("customers", identity: ["email:email"], fields: ["email"]),
            PlanTables.Table("orders", references: ["customer_id>customers", "product_id>products"], fields: ["note"]),
            PlanTables.Table("products", fields: ["designer_name"]));

        var plan = SubjectGraphPlan.Build(policy);

        Assert.Equal(["products"], plan.Unreachable.Select(u => u.Table.Name));
        Assert.Equal(["customers", "orders"], plan.System("s")!.Tables.Select(t => t.Name));
    }

    [Fact]
    public void Build_TwoTablesReferencingEachOther_PlansOneCycle()
    {
        var policy = PlanTables.PolicyWith(
            PlanTables.Table("users", identity: ["email:email"]),
            PlanTables.Table("teams", references: ["owner_id>users"]),
            PlanTables.Table("members", references: ["team_id>teams", "invited_by>members"]),
            PlanTables.Table("a", references: ["user_id>users", "b_id>b"]),
            PlanTables.Table("b", references: ["a_id>a"]));

        var system = SubjectGraphPlan.Build(policy).System("s")!;

        var cycles = system.Components.Where(c => c.IsCycle).Select(c => string.Join(",", c.Tables.Select(t => t.Name))).ToList();
        Assert.Equal(["a,b", "members"], cycles.OrderBy(c => c.Length));
        Assert.True(system.Tables.Single(t => t.Name == "members").Step > system.Tables.Single(t => t.Name == "teams").Step);
    }
}
