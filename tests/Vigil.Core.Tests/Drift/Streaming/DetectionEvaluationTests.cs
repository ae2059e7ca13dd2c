using Vigil.Core.Drift.Streaming;
using Xunit;

namespace Vigil.Core.Tests.Drift.Streaming;

public sealed class DetectionEvaluationTests
{
    [Fact]
    public void HandWorkedExample()
    {
        // Change points 100, 200, 300. 50 precedes the first change (false alarm); 120 detects 100 (delay 20),
        // 130 is a second detection in that segment (false alarm); 250 detects 200 (delay 50), 260 false alarm;
        // nothing after 300 (miss).
        var r = DetectionEvaluation.Evaluate([50, 120, 130, 250, 260], [100, 200, 300]);
        Assert.Equal([new ChangePointOutcome(100, 120, 20), new ChangePointOutcome(200, 250, 50), new ChangePointOutcome(300, null, null)], r.ChangePoints);
        Assert.Equal([50, 130, 260], r.FalseAlarms);
        Assert.Equal(1, r.Misses);
        Assert.Equal(2, r.Detected);
        Assert.Equal(35.0, r.MeanDelay);
    }

    [Fact]
    public void DetectionOnTheChangePointHasZeroDelayAndNoDetectionsMeanNaN()
    {
        var r = DetectionEvaluation.Evaluate([5000], [5000, 12000]);
        Assert.Equal(0, r.ChangePoints[0].Delay);
        Assert.False(r.ChangePoints[1].Detected);
        Assert.True(double.IsNaN(DetectionEvaluation.Evaluate([], [10]).MeanDelay));
    }

    [Fact]
    public void RejectsUnorderedInput()
    {
        Assert.Throws<ArgumentException>(() => DetectionEvaluation.Evaluate([3, 1], [0]));
        Assert.Throws<ArgumentException>(() => DetectionEvaluation.Evaluate([1], [5, 5]));
        Assert.Throws<ArgumentException>(() => DetectionEvaluation.Evaluate([1], [-1]));
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool EveryDetectionIsCountedOnce(int[] rawDetections, int[] rawChangePoints)
    {
        var detections = rawDetections.Select(v => Math.Abs(v % 1000)).Order().ToArray();
        var changePoints = rawChangePoints.Select(v => Math.Abs(v % 1000)).Distinct().Order().ToArray();
        var r = DetectionEvaluation.Evaluate(detections, changePoints);
        return r.Detected + r.FalseAlarms.Count == detections.Length && r.Detected + r.Misses == changePoints.Length
            && r.ChangePoints.All(o => o.Delay is null or >= 0);
    }
}
