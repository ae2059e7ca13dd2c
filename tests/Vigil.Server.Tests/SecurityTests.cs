using System.Net;
using System.Text.Json;
using Vigil.Server.Security;
using Vigil.Storage;

namespace Vigil.Server.Tests;

public sealed class ApiKeyFormatTests
{
    [Fact]
    public void GeneratedKeysParseBackAndOnlyTheirSecretMatchesTheStoredHash()
    {
        var (id, secret, key) = ApiKey.Generate();
        Assert.Matches("^vgl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$", key);
        Assert.True(ApiKey.TryParse(key, out var pid, out var psecret));
        Assert.Equal(id, pid);
        Assert.Equal(secret, psecret);
        var hash = ApiKey.HashSecret(secret);
        // SHA-256 of the UTF-8 secret, as any SHA-256 implementation computes it.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))), hash);
        Assert.True(ApiKey.Matches(secret, hash));
        Assert.False(ApiKey.Matches(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), hash));
        Assert.NotEqual(key, ApiKey.Generate().Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("vgl_")]
    [InlineData("key_0123456789abcdef_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("vgl_0123456789ABCDEF_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("vgl_0123456789abcde_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("vgl_0123456789abcdef_short")]
    [InlineData("vgl_0123456789abcdef_abcdefghijklmnop qrstuvwxyz")]
    public void MalformedKeysAreRejected(string? key) => Assert.False(ApiKey.TryParse(key, out _, out _));

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://127.0.0.1:1;http://[::1]:2", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://10.1.2.3:5080", false)]
    [InlineData("http://127.0.0.1:1;http://0.0.0.0:2", false)]
    [InlineData("", false)]
    public void LoopbackDetection(string urls, bool loopback) => Assert.Equal(loopback, BindAddress.IsLoopbackOnly(urls));
}

public sealed class SecurityTests
{
    [Fact]
    public async Task LoopbackWithNoKeysAllowsEverythingAsLocal()
    {
        await using var db = TestDatabase.DuckDb();
        await using var server = await ServerHost.StartAsync(db.Options());
        var created = await server.Client.PostJsonAsync("/api/v1/models", new { name = "credit", task = "binary" });
        await created.JsonAsync(201);
        var audit = await (await server.Client.GetAsync("/api/v1/audit")).JsonAsync(200);
        var entry = Assert.Single(audit.EnumerateArray());
        Assert.Equal("local", entry.GetProperty("actor").GetString());
        Assert.Equal("model.create", entry.GetProperty("action").GetString());
        Assert.Equal("model:credit", entry.GetProperty("target").GetString());
    }

    [Fact]
    public async Task KeysAreRequiredOnceOneExistsAndScopesAreEnforced()
    {
        await using var db = TestDatabase.DuckDb();
        await using var server = await ServerHost.StartAsync(db.Options());
        var admin = await (await server.Client.PostJsonAsync("/api/v1/keys", new { name = "ops", scope = "admin" })).JsonAsync(201);
        var adminKey = admin.GetProperty("key").GetString()!;
        Assert.StartsWith("vgl_" + admin.GetProperty("id").GetString() + "_", adminKey);
        Assert.Equal("admin", admin.GetProperty("scope").GetString());

        // No key any more: 401 problem with a WWW-Authenticate challenge.
        var anonymous = await server.Client.GetAsync("/api/v1/models");
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        await anonymous.ProblemAsync(401);

        using var adminClient = server.ClientWith(adminKey);
        var read = (await (await adminClient.PostJsonAsync("/api/v1/keys", new { name = "dash", scope = "read" })).JsonAsync(201)).GetProperty("key").GetString()!;
        var ingest = (await (await adminClient.PostJsonAsync("/api/v1/keys", new { name = "app", scope = "ingest" })).JsonAsync(201)).GetProperty("key").GetString()!;
        using var readClient = server.ClientWith(read);
        using var ingestClient = server.ClientWith(ingest);

        await (await readClient.GetAsync("/api/v1/models")).JsonAsync(200);
        var forbidden = await (await readClient.PostJsonAsync("/api/v1/models", new { name = "m", task = "binary" })).ProblemAsync(403);
        Assert.Contains("'read'", forbidden.GetProperty("detail").GetString());
        await (await ingestClient.PostJsonAsync("/api/v1/models", new { name = "m", task = "binary" })).ProblemAsync(403);
        await (await ingestClient.GetAsync("/api/v1/keys")).ProblemAsync(403);
        await (await adminClient.PostJsonAsync("/api/v1/models", new { name = "m", task = "binary" })).JsonAsync(201);
        // ingest ⊃ read: it may upload reports, read may not.
        await (await ingestClient.PostJsonAsync("/api/v1/reports", new { kind = "evaluate", title = "t", html = "<p>x</p>" })).JsonAsync(201);
        await (await readClient.PostJsonAsync("/api/v1/reports", new { kind = "evaluate", title = "t", html = "<p>x</p>" })).ProblemAsync(403);

        // A wrong secret for a real id, and a malformed key, are both 401.
        using var wrongSecret = server.ClientWith(adminKey[..^4] + "AAAA");
        await (await wrongSecret.GetAsync("/api/v1/models")).ProblemAsync(401);
        using var garbage = server.ClientWith("not-a-key");
        await (await garbage.GetAsync("/api/v1/models")).ProblemAsync(401);

        // The list never shows secrets or hashes; revoking makes the key useless.
        var list = await (await adminClient.GetAsync("/api/v1/keys")).JsonAsync(200);
        Assert.Equal(3, list.GetArrayLength());
        var text = list.GetRawText();
        Assert.DoesNotContain(read, text);
        Assert.DoesNotContain("secret", text);
        var readId = read.Split('_')[1];
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync($"/api/v1/keys/{readId}")).StatusCode);
        await (await readClient.GetAsync("/api/v1/models")).ProblemAsync(401);
        await (await adminClient.DeleteAsync($"/api/v1/keys/{readId}")).ProblemAsync(404);
        var revoked = (await (await adminClient.GetAsync("/api/v1/keys")).JsonAsync(200)).EnumerateArray().Single(k => k.GetProperty("id").GetString() == readId);
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revoked_at").ValueKind);

        // Health stays open; key changes are audited under the admin key's id.
        await (await anonymousClient(server).GetAsync("/health/live")).JsonAsync(200);
        var audit = await (await adminClient.GetAsync("/api/v1/audit")).JsonAsync(200);
        var actions = audit.EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())).ToList();
        Assert.Contains(("key.create", "local"), actions);
        Assert.Contains(("key.revoke", admin.GetProperty("id").GetString()), actions);
        Assert.DoesNotContain(read.Split('_', 3)[2], audit.GetRawText());
    }

    private static HttpClient anonymousClient(ServerHost s) => new() { BaseAddress = s.Address };

    [Fact]
    public async Task NonLoopbackBindWithoutKeysRefusesToStart()
    {
        await using var db = TestDatabase.DuckDb();
        var ex = await Assert.ThrowsAsync<ServerStartupException>(() => VigilServer.CreateAsync(db.Options("http://0.0.0.0:0")));
        Assert.Contains("--admin-key-file", ex.Message);
        // The store was closed on refusal: the same file opens again.
        var app = await VigilServer.CreateAsync(db.Options());
        await app.DisposeAsync();
    }

    [Fact]
    public async Task AdminKeyFileIsCreatedWithMode600AndReadOnTheNextStart()
    {
        await using var db = TestDatabase.DuckDb();
        var file = Path.Combine(db.Folder, "secrets", "admin.key");
        var app = await VigilServer.CreateAsync(db.Options("http://0.0.0.0:0", file)); // built, never started: nothing listens on 0.0.0.0
        await app.DisposeAsync();
        Assert.True(File.Exists(file));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var key = File.ReadAllText(file).Trim();
        Assert.True(ApiKey.TryParse(key, out var id, out _));

        // Second start with the same file: no new key; the key works on a (loopback) server over the same database.
        app = await VigilServer.CreateAsync(db.Options("http://0.0.0.0:0", file));
        await app.DisposeAsync();
        await using var server = await ServerHost.StartAsync(db.Options());
        await (await server.Client.GetAsync("/api/v1/models")).ProblemAsync(401);
        using var admin = server.ClientWith(key);
        var keys = await (await admin.GetAsync("/api/v1/keys")).JsonAsync(200);
        var only = Assert.Single(keys.EnumerateArray());
        Assert.Equal(id, only.GetProperty("id").GetString());
        Assert.Equal("admin", only.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task AdminKeyFileOnAFreshDatabaseImportsTheKeyItHolds()
    {
        await using var db = TestDatabase.DuckDb();
        var file = Path.Combine(db.Folder, "admin.key");
        var (_, _, key) = ApiKey.Generate();
        File.WriteAllText(file, key + "\n");
        await using var server = await ServerHost.StartAsync(db.Options(adminKeyFile: file));
        using var admin = server.ClientWith(key);
        await (await admin.PostJsonAsync("/api/v1/models", new { name = "m", task = "binary" })).JsonAsync(201);
        File.WriteAllText(file, "garbage");
        await using var db2 = TestDatabase.DuckDb();
        var ex = await Assert.ThrowsAsync<ServerStartupException>(() => VigilServer.CreateAsync(db2.Options(adminKeyFile: file)));
        Assert.Contains(file, ex.Message);
    }

    [Fact]
    public async Task KeyServiceWorksOfflineOnTheStore()
    {
        await using var db = TestDatabase.DuckDb();
        await using (var store = await VigilStore.OpenDuckDbAsync(db.DuckDbPath))
        {
            var keys = new KeyService(store);
            Assert.False(await keys.AnyActiveAsync());
            var created = await keys.CreateAsync("ci", KeyScope.Ingest, "cli");
            Assert.True(await keys.AnyActiveAsync());
            Assert.Equal(created.Record, await keys.AuthenticateAsync(created.Key));
            Assert.Null(await keys.AuthenticateAsync(created.Key + "x"));
            Assert.Equal(ApiKey.HashSecret(created.Key.Split('_', 3)[2]), (await store.Keys.GetAsync(created.Record.Id))!.SecretSha256);
            Assert.True(await keys.RevokeAsync(created.Record.Id, "cli"));
            Assert.False(await keys.RevokeAsync(created.Record.Id, "cli"));
            Assert.Null(await keys.AuthenticateAsync(created.Key));
            Assert.False(await keys.AnyActiveAsync());
            Assert.Equal(["key.create", "key.revoke"], (await store.Audit.ReadAllAsync()).Select(e => e.Action).ToArray());
        }
    }
}
