package dev.attache.cli.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.attache.cli.signin.SignIn;
import dev.attache.cli.signin.SignInFile;
import dev.attache.testkit.AttacheExtension;
import dev.attache.testkit.AttacheServer;

/** {@code attache login} and {@code logout} against a real server, with a temporary config directory. */
@ExtendWith(AttacheExtension.class)
class LoginCommandTest {

    private static final String BAD_TOKEN = "2/1/2:0123456789abcdef0123456789abcdef";

    @TempDir
    Path home;

    private final AttacheServer server;

    LoginCommandTest(AttacheServer server) {
        this.server = server;
    }

    /** A CLI whose home is the temporary directory and that finds no dev token, so only what a test gives counts. */
    private Cli cli() {
        return new Cli(server).withEnv("HOME", home.toString()).withEnv("ATTACHE_DATA_DIR", home.resolve("no-data").toString());
    }

    private Path credentials() {
        return home.resolve(".config/attache/credentials");
    }

    private Path tokenFile(String token) throws Exception {
        return Files.writeString(home.resolve("token"), token + "\n");
    }

    private Cli.Run login(Cli cli, String token) throws Exception {
        return cli.runExactly("login", "--host", server.apiBaseUri().toString(), "--token-file", tokenFile(token).toString());
    }

    @Test
    void loginSaysWhoTheTokenSignsInAsAndSavesHostAndToken() throws Exception {
        Cli.Run run = login(cli(), server.token());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Signed in to " + server.apiBaseUri() + " as ")
                .contains("saved in ~/.config/attache/credentials");
        assertThat(new SignInFile(credentials()).read()).hasValueSatisfying(saved -> {
            assertThat(saved.host()).isEqualTo(server.apiBaseUri());
            assertThat(saved.token()).isEqualTo(server.token());
        });
    }

    @Test
    void theSavedFileIsReadableByItsOwnerAloneInADirectoryOnlyTheOwnerCanEnter() throws Exception {
        login(cli(), server.token());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials().getParent()))).isEqualTo("rwx------");
        assertThat(credentials().getParent()).isDirectoryNotContaining(p -> !p.equals(credentials()));
    }

    @Test
    void xdgConfigHomeIsWhereTheSignInIsSavedWhenSet() throws Exception {
        Path config = home.resolve("xdg");

        login(cli().withEnv("XDG_CONFIG_HOME", config.toString()), server.token());

        assertThat(config.resolve("attache/credentials")).exists();
        assertThat(credentials()).doesNotExist();
    }

    @Test
    void theTokenNeverReachesStandardOutputOrError() throws Exception {
        Cli cli = cli();
        Cli.Run login = login(cli, server.token());
        Cli.Run ls = cli.runExactly("ls", "--parent", server.createTask("t").value(), "--verbose");

        assertThat(login.out() + login.err() + ls.out() + ls.err()).doesNotContain(secretOf(server.token()));
    }

    @Test
    void onATerminalTheTokenIsAskedForWithoutEcho() {
        Cli cli = cli().answering(server.token());

        Cli.Run run = cli.runExactly("login", "--host", server.apiBaseUri().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(cli.secretPrompts()).containsExactly("Token for " + server.apiBaseUri() + ": ");
    }

    @Test
    void withoutATerminalTheTokenIsTheFirstLineOfStandardInput() throws Exception {
        Cli.Run run = cli().withPipedLines(server.token()).runExactly("login", "--host", server.apiBaseUri().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new SignInFile(credentials()).read()).hasValueSatisfying(s -> assertThat(s.token()).isEqualTo(server.token()));
    }

    @Test
    void aTokenTheServerRefusesIsNotSaved() throws Exception {
        Cli.Run run = login(cli(), BAD_TOKEN);

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("attache: the token given to 'attache login' was refused: Not Authorized");
        assertThat(credentials()).doesNotExist();
    }

    @Test
    void clientCommandsUseTheSavedHostAndToken() throws Exception {
        Cli cli = cli();
        login(cli, server.token());

        Cli.Run run = cli.runExactly("ls", "--parent", server.createTask("t").value());

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void aTokenFlagWinsOverTheSavedToken() throws Exception {
        save(BAD_TOKEN);

        Cli.Run run = cli().runExactly("ls", "--parent", server.createTask("t").value(), "--token", server.token());

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void theEnvironmentsTokenWinsOverTheSavedToken() throws Exception {
        save(BAD_TOKEN);

        Cli.Run run = cli().withEnv("ASANA_ACCESS_TOKEN", server.token()).runExactly("ls", "--parent", server.createTask("t").value());

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void theSavedTokenIsNotSentToAnotherHost() throws Exception {
        save(server.token());
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        Cli.Run run = cli().runExactly("ls", "--parent", "1", "--host", "http://127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No token: run 'attache login'");
    }

    @Test
    void aRefusedSavedTokenNamesTheFileAndSaysToSignInAgain() throws Exception {
        save(BAD_TOKEN);

        Cli.Run run = cli().runExactly("ls", "--parent", "1");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("attache: the token saved by 'attache login' in ~/.config/attache/credentials "
                + "was refused: Not Authorized").contains("then 'attache login' with it");
    }

    @Test
    void logoutRemovesTheSavedSignIn() throws Exception {
        Cli cli = cli();
        login(cli, server.token());

        Cli.Run logout = cli.runExactly("logout");
        Cli.Run ls = cli.runExactly("ls", "--parent", "1");

        assertThat(logout.exitCode()).isZero();
        assertThat(logout.out()).isEqualTo("Signed out: removed ~/.config/attache/credentials.\n");
        assertThat(credentials()).doesNotExist();
        assertThat(ls.exitCode()).isEqualTo(2);
        assertThat(ls.err()).contains("No token");
    }

    @Test
    void logoutWithNothingSavedSaysSo() {
        Cli.Run run = cli().runExactly("logout");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Not signed in");
    }

    @Test
    void aSavedFileThatIsNotASignInIsAUsageErrorNamingIt() throws Exception {
        Files.createDirectories(credentials().getParent());
        Files.writeString(credentials(), "nonsense\n");

        Cli.Run run = cli().runExactly("ls", "--parent", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the sign-in saved in ~/.config/attache/credentials cannot be used", "attache logout");
    }

    @Test
    void aSavedSignInOthersMayReadIsRefusedWithTheChmodThatMendsIt() throws Exception {
        save("2/1/2:secret");
        Files.setPosixFilePermissions(credentials(), PosixFilePermissions.fromString("rw-r--r--"));

        Cli.Run run = cli().runExactly("ls", "--parent", "1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("the sign-in saved in ~/.config/attache/credentials cannot be used",
                "mode rw-r--r--", "chmod 600 ").doesNotContain("secret");
    }

    @Test
    void loginsHelpListsItsExitCodes() {
        Cli.Run run = Cli.withoutServer().runExactly("login", "--help");

        assertThat(run.out()).contains("Exit codes:", "4   The server refused the token", "Example:", "  attache login");
    }

    private void save(String token) throws Exception {
        new SignInFile(credentials()).write(new SignIn(URI.create(server.apiBaseUri().toString()), token, null));
    }

    /** The secret part of a token, which is what must never be shown. */
    private static String secretOf(String token) {
        return token.substring(token.lastIndexOf(':') + 1);
    }
}
