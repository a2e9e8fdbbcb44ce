package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.attache.cli.testing.ServerCalls;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

@ExtendWith(AttacheExtension.class)
class RemoveCommandTest {

    private final AttacheServer server;
    private final ServerCalls calls;
    private String task;

    RemoveCommandTest(AttacheServer server) {
        this.server = server;
        this.calls = new ServerCalls(server);
    }

    @BeforeEach
    void start() {
        task = server.createTask("t").value();
    }

    @Test
    void rmOfOneAttachmentWithYesDeletesItWithoutAsking() {
        String gid = calls.upload(task, "a.txt", new byte[1]);

        Cli.Run run = new Cli(server).ok("rm", gid, "--yes");

        assertThat(run.out()).isEqualTo("Deleted " + gid + " (a.txt)\n");
        assertThat(calls.status(gid)).isEqualTo(404);
    }

    @Test
    void rmOfSeveralWithoutATerminalOrYesRefusesWithUsageAndDeletesNothing() {
        String a = calls.upload(task, "a.txt", new byte[1]);
        String b = calls.upload(task, "b.txt", new byte[1]);

        Cli.Run run = new Cli(server).run("rm", a, b);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("without --yes");
        assertThat(calls.status(a)).isEqualTo(200);
        assertThat(calls.status(b)).isEqualTo(200);
    }

    @Test
    void rmRefusalIsOneLineWithoutTheUsageHelp() {
        String a = calls.upload(task, "a.txt", new byte[1]);
        String b = calls.upload(task, "b.txt", new byte[1]);

        Cli.Run run = new Cli(server).run("rm", a, b);

        assertThat(run.err()).isEqualTo("attache: Refusing to delete 2 attachments without --yes: "
                + "standard input is not a terminal to ask on.\n");
    }

    @Test
    void rmOfSeveralWithYesDeletesAllWithoutAsking() {
        String a = calls.upload(task, "a.txt", new byte[1]);
        String b = calls.upload(task, "b.txt", new byte[1]);

        new Cli(server).ok("rm", a, b, "--yes");

        assertThat(calls.status(a)).isEqualTo(404);
        assertThat(calls.status(b)).isEqualTo(404);
    }

    @Test
    void rmOfSeveralDeletesThemWhenTheAnswerIsYes() {
        String a = calls.upload(task, "a.txt", new byte[1]);
        String b = calls.upload(task, "b.txt", new byte[1]);

        Cli.Run run = new Cli(server).answering("y").run("rm", a, b);

        assertThat(run.err()).isEqualTo("Delete 2 attachments: a.txt (" + a + "), b.txt (" + b + ")? [y/N] ");
        assertThat(calls.status(a)).isEqualTo(404);
        assertThat(calls.status(b)).isEqualTo(404);
    }

    @Test
    void rmOfSeveralDeletesNothingWhenTheAnswerIsNo() {
        String a = calls.upload(task, "a.txt", new byte[1]);
        String b = calls.upload(task, "b.txt", new byte[1]);

        Cli.Run run = new Cli(server).answering("n").run("rm", a, b);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(calls.status(a)).isEqualTo(200);
        assertThat(calls.status(b)).isEqualTo(200);
    }

    @Test
    void rmOfAMissingAttachmentExitsWithNotFound() {
        Cli.Run run = new Cli(server).run("rm", "12345", "--yes");

        assertThat(run.exitCode()).isEqualTo(3);
    }

    @Test
    void rmOfOneAttachmentAsksNamingIt() {
        String gid = calls.upload(task, "plan.pdf", new byte[1]);

        Cli.Run run = new Cli(server).answering("n").run("rm", gid);

        assertThat(run.err()).startsWith("Delete plan.pdf (" + gid + ")? [y/N] ");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(calls.status(gid)).isEqualTo(200);
    }

    @Test
    void rmOfOneWithoutATerminalOrYesRefusesAndDeletesNothing() {
        String gid = calls.upload(task, "plan.pdf", new byte[1]);

        Cli.Run run = new Cli(server).run("rm", gid);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(calls.status(gid)).isEqualTo(200);
    }

    @Test
    void rmOfManyListsTheFirstFiveNamesAndHowManyMore() {
        java.util.List<String> gids = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            gids.add(calls.upload(task, "f" + i + ".txt", new byte[1]));
        }
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("rm"));
        args.addAll(gids);

        Cli.Run run = new Cli(server).answering("n").run(args.toArray(String[]::new));

        assertThat(run.err()).startsWith("Delete 7 attachments: f1.txt (" + gids.get(0) + "), f2.txt (" + gids.get(1)
                + "), f3.txt (" + gids.get(2) + "), f4.txt (" + gids.get(3) + "), f5.txt (" + gids.get(4)
                + ") and 2 more? [y/N] ");
    }

    @Test
    void rmOfABadAndAGoodGidDeletesTheGoodOneAndExitsWithSomeFailed() {
        String gid = calls.upload(task, "a.txt", new byte[1]);

        Cli.Run run = new Cli(server).run("rm", "12345", gid, "--yes");

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(run.err()).contains("FAILED 12345: ");
        assertThat(calls.status(gid)).isEqualTo(404);
    }
}
