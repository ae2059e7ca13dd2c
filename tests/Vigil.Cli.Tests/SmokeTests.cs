namespace Vigil.Cli.Tests;

public class SmokeTests
{
    [Xunit.Fact]
    public void RepositoryRootIsFound() => Xunit.Assert.True(File.Exists(Path.Combine(Vigil.TestSupport.Paths.RepositoryRoot, "Vigil.sln")));
}
