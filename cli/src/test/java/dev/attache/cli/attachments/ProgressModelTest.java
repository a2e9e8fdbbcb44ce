package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressModelTest {

    private static final long MIB = 1024 * 1024;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();

    @Test
    void theTotalIsTheSumOfTheFileLines() {
        ProgressModel model = new ProgressModel(2, 20 * MIB, now::get);
        int a = model.start("a.bin", 10 * MIB, 0);
        model.update(a, 0);
        int b = model.start("b.bin", 10 * MIB, 0);
        model.update(b, 0);

        model.update(a, 5 * MIB);
        model.update(b, 2 * MIB);

        assertThat(model.lines()).hasSize(3);
        assertThat(model.lines().get(0)).contains(" 50% 5.0 MiB / 10.0 MiB");
        assertThat(model.lines().get(1)).contains(" 20% 2.0 MiB / 10.0 MiB");
        assertThat(model.lines().get(2)).startsWith("Total 0/2 files").contains(" 35% 7.0 MiB / 20.0 MiB");
    }

    @Test
    void aFinishedFileLeavesTheScreenAndStaysInTheTotal() {
        ProgressModel model = new ProgressModel(2, 20 * MIB, now::get);
        int a = model.start("a.bin", 10 * MIB, 0);
        model.update(a, 0);
        model.update(model.start("b.bin", 10 * MIB, 0), 0);

        model.update(a, 10 * MIB);
        model.finish(a, true);

        assertThat(model.lines()).hasSize(2).noneMatch(l -> l.startsWith("a.bin"));
        assertThat(model.lines().get(1)).startsWith("Total 1/2 files").contains(" 50% 10.0 MiB / 20.0 MiB");
    }

    @Test
    void aFailedFileLeavesTheTotalSoItCanStillReachAHundredPercent() {
        ProgressModel model = new ProgressModel(3, 30 * MIB, now::get);
        int a = model.start("a.bin", 10 * MIB, 0);
        model.update(a, 0);
        int b = model.start("b.bin", 10 * MIB, 0);
        model.update(b, 0);
        model.update(model.start("c.bin", 10 * MIB, 0), 0);

        model.update(a, 4 * MIB);
        model.finish(a, false);
        model.update(b, 10 * MIB);

        assertThat(model.lines().get(model.lines().size() - 1)).contains(" 50% 10.0 MiB / 20.0 MiB");
    }

    @Test
    void bytesAResumedFileAlreadyHadDoNotCountAsSpeed() {
        ProgressModel model = new ProgressModel(1, 100 * MIB, now::get);
        int a = model.start("big.bin", 100 * MIB, 40 * MIB);
        model.update(a, 40 * MIB);

        now.addAndGet(2 * SECOND);
        model.update(a, 60 * MIB);

        assertThat(model.lines().get(0)).contains("60.0 MiB / 100.0 MiB  10.0 MiB/s  elapsed 0:02  left 0:04");
    }

    @Test
    void timesAreLabelled() {
        ProgressModel model = new ProgressModel(1, 10 * MIB, now::get);
        int a = model.start("a.bin", 10 * MIB, 0);
        model.update(a, 0);

        now.addAndGet(65 * SECOND);
        model.update(a, 5 * MIB);

        assertThat(model.lines().get(0)).endsWith("elapsed 1:05  left 1:05");
    }

    @Test
    void aQueuedFileHasNoLineOfItsOwnOnlyTheQueueLine() {
        ProgressModel model = new ProgressModel(3, 30 * MIB, now::get);
        int a = model.start("a.bin", 10 * MIB, 0);
        model.start("b.bin", 10 * MIB, 0);
        model.start("c.bin", 10 * MIB, 0);

        model.update(a, MIB);

        assertThat(model.lines()).hasSize(3);
        assertThat(model.lines().get(0)).startsWith("a.bin");
        assertThat(model.lines().get(1)).isEqualTo("… 2 queued");
        assertThat(model.lines().get(2)).startsWith("Total 0/3 files");
    }

    @Test
    void aFileTimesItsSpeedFromItsFirstBytesNotFromWhenItWasQueued() {
        ProgressModel model = new ProgressModel(1, 10 * MIB, now::get);
        int a = model.start("a.bin", 10 * MIB, 0);
        now.addAndGet(60 * SECOND);
        model.update(a, 0);

        now.addAndGet(2 * SECOND);
        model.update(a, 4 * MIB);

        assertThat(model.lines().get(0)).contains("2.0 MiB/s  elapsed 0:02  left 0:03");
    }

    @Test
    void moreFilesInFlightThanRowsAreCountedOnTheQueueLine() {
        ProgressModel model = new ProgressModel(40, 40 * MIB, now::get);
        for (int i = 0; i < 15; i++) {
            model.update(model.start("f" + i, MIB, 0), MIB / 2);
        }

        var lines = model.lines(new ScreenSize(80, 10));

        assertThat(lines).hasSize(9);
        assertThat(lines.subList(0, 7)).allMatch(l -> l.startsWith("f"));
        assertThat(lines.get(7)).isEqualTo("… 8 more in flight, 25 queued");
        assertThat(lines.get(8)).startsWith("Total 0/40 files");
    }

    @Test
    void aNarrowScreenDropsNumbersBeforeCuttingTheNameBelowEightCells() {
        ProgressModel model = new ProgressModel(1, 10 * MIB, now::get);
        int a = model.start("quarterly-report-final.pdf", 10 * MIB, 0);
        model.update(a, 0);
        now.addAndGet(2 * SECOND);
        model.update(a, 4 * MIB);

        String line = model.lines(new ScreenSize(40, 24)).get(0);

        assertThat(TextWidth.of(line)).isLessThan(40);
        assertThat(line).startsWith("quarterl").contains(" 40% 4.0 MiB / 10.0 MiB");
    }

    @Test
    void anInterruptedBatchTallyNamesWhatFinishedWhatWasMovingAndWhatNeverStarted() {
        ProgressModel model = new ProgressModel(99, 99 * MIB, now::get);
        for (int i = 0; i < 12; i++) {
            int f = model.start("f" + i, MIB, 0);
            model.update(f, MIB);
            model.finish(f, true);
        }
        model.update(model.start("moving", MIB, 0), MIB / 2);
        model.start("queued", MIB, 0);

        assertThat(model.tally().describe("uploaded")).isEqualTo("12 uploaded, 1 interrupted, 86 not started");
    }

    @Test
    void nothingIsShownWhenNothingIsInFlight() {
        ProgressModel model = new ProgressModel(2, 20 * MIB, now::get);
        int a = model.start("a.bin", 10 * MIB, 0);
        model.update(a, 0);
        model.finish(a, true);

        assertThat(model.lines()).isEmpty();
        assertThat(new ProgressModel(0, 0, now::get).lines()).isEmpty();
    }

    @Test
    void aSmallFileShowsBytesAndNoUnknowns() {
        ProgressModel model = new ProgressModel(1, 3, now::get);
        int a = model.start("tiny.txt", 3, 0);
        model.update(a, 0);

        model.update(a, 3);

        assertThat(model.lines().get(0)).contains("100% 3 B / 3 B").doesNotContain("?");
    }

    @Test
    void aSingleFileHasNoTotalLine() {
        ProgressModel model = new ProgressModel(1, 10 * MIB, now::get);
        model.update(model.start("a.bin", 10 * MIB, 0), 0);

        assertThat(model.lines()).hasSize(1);
    }

    @Test
    void aFewBytesOverSecondsShowNoSpeedAndNoTimeLeft() {
        ProgressModel model = new ProgressModel(1, 10 * MIB, now::get);
        int a = model.start("a.bin", 10 * MIB, 0);
        model.update(a, 0);

        now.addAndGet(3 * SECOND);
        model.update(a, 1);

        assertThat(model.lines().get(0)).endsWith("1 B / 10.0 MiB  elapsed 0:03").doesNotContain("/s").doesNotContain("left");
    }
}
