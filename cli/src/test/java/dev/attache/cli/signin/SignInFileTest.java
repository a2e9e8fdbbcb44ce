package dev.attache.cli.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignInFileTest {

    private static final SignIn SIGN_IN = new SignIn(URI.create("https://attache.example.com/api/1.0"), "2/1/2:secret", null);

    @TempDir
    Path dir;

    @Test
    void aFileThatWasReadableByOthersIsReplacedByOneOnlyItsOwnerCanRead() throws Exception {
        Path file = dir.resolve("attache/credentials");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "host=http://old\ntoken=old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        new SignInFile(file).write(SIGN_IN);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(new SignInFile(file).read()).contains(SIGN_IN);
    }

    @Test
    void aSavedFileOthersMayReadIsRefusedNamingItsModeAndTheFix() throws Exception {
        Path file = dir.resolve("attache/credentials");
        new SignInFile(file).write(SIGN_IN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> new SignInFile(file).read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void aSavedFileOthersMayChangeIsRefused() throws Exception {
        Path file = dir.resolve("attache/credentials");
        new SignInFile(file).write(SIGN_IN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw--w----"));

        assertThatThrownBy(() -> new SignInFile(file).read()).hasMessageContaining("others may read or change it");
    }

    @Test
    void writingLeavesNoTemporaryFileBehind() throws Exception {
        Path file = dir.resolve("attache/credentials");

        new SignInFile(file).write(SIGN_IN);
        new SignInFile(file).write(SIGN_IN);

        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void xdgConfigHomeMustBeAbsoluteToCountAndHomeIsTheFallback() {
        assertThat(SignInFile.locate("relative/dir", "/home/ada")).map(SignInFile::path)
                .contains(Path.of("/home/ada/.config/attache/credentials"));
        assertThat(SignInFile.locate("/xdg", "/home/ada")).map(SignInFile::path).contains(Path.of("/xdg/attache/credentials"));
        assertThat(SignInFile.locate(null, null)).isEmpty();
    }

    @Test
    void nothingSavedReadsAsEmpty() throws Exception {
        assertThat(new SignInFile(dir.resolve("attache/credentials")).read()).isEmpty();
    }

    @Test
    void theTokenIsLeftOutOfToString() {
        assertThat(SIGN_IN.toString()).doesNotContain("secret");
    }
}
