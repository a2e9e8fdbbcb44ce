package dev.attache.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;

import dev.attache.server.auth.TokenKind;
import dev.attache.server.testing.ChromeBrowser;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.Reply;
import dev.attache.server.testing.TestServer;

/**
 * The console in a real browser (Debian's headless Chromium) against a real server: sign-in, tasks,
 * uploads with progress, preview, download, paging, delete, sign-out, CSRF and revocation. One browser
 * for the class; each test signs in afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    @TempDir
    static Path dir;
    TestServer server;
    ChromeBrowser browser;
    ChromeDriver driver;

    @BeforeAll
    void start() throws IOException {
        browser = ChromeBrowser.start(Files.createDirectories(dir.resolve("browser")));
        driver = browser.driver();
        server = TestServer.start(Files.createDirectories(dir.resolve("data")));
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    // --- page steps -------------------------------------------------------------------------------

    private void openSignedOut() {
        openSignedOutAt(server.root("/").toString());
    }

    private void openSignedOutAt(String page) {
        driver.manage().window().setSize(new Dimension(1280, 900));
        driver.get(page);
        driver.manage().deleteAllCookies();
        driver.get(page);
        browser.await(d -> d.findElement(By.id("token")).isDisplayed());
    }

    private void signIn(String token) {
        openSignedOut();
        enterToken(token);
    }

    /** Signs in on a page opened at another name for this server than the one its URLs carry. */
    private void signInAt(String page, String token) {
        openSignedOutAt(page);
        enterToken(token);
    }

    private void enterToken(String token) {
        WebElement field = driver.findElement(By.id("token"));
        field.sendKeys(token);
        field.sendKeys(Keys.ENTER);
        browser.await(d -> d.findElement(By.id("app")).isDisplayed());
    }

    private WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** Shows the task list again (it loads when shown) and picks a task in it. */
    private void pickTask(String gid) {
        driver.findElement(By.cssSelector(".tabs button[data-type=task]")).click();
        browser.await(d -> "false".equals(d.findElement(By.id("parents")).getAttribute("aria-busy")));
        driver.findElement(By.cssSelector("#parents button[data-gid='" + gid + "']")).click();
        browser.await(d -> "false".equals(d.findElement(By.id("attachment-list")).getAttribute("aria-busy")));
    }

    private List<String> attachmentNames() {
        return driver.findElements(By.cssSelector("#attachment-list .name")).stream().map(WebElement::getText).toList();
    }

    private void openAttachment(String gid) {
        browser.await(d -> d.findElement(By.cssSelector("#attachment-list li[data-gid='" + gid + "'] button"))).click();
        browser.await(d -> d.findElement(By.id("details")).isDisplayed());
    }

    private String upload(String parent, String name, String type, byte[] bytes) {
        Reply r = server.upload("/attachments", Multipart.form().field("parent", parent).file(name, type, bytes));
        assertThat(r.status()).isEqualTo(200);
        return r.data().get("gid").asText();
    }

    /** The status and body of a fetch the page itself makes, with its cookie. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> pageFetch(String method, String path, String body, Map<String, String> headers) {
        return (Map<String, Object>) browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[1], {method: arguments[0], body: arguments[2], credentials: 'same-origin',"
                        + "  headers: Object.assign({'Content-Type': 'application/json'}, arguments[3])})"
                        + ".then(r => r.text().then(t => done({status: r.status, body: t})))"
                        + ".catch(e => done({status: -1, body: String(e)}));",
                method, path, body, headers);
    }

    private String csrfOfThisSession() {
        return (String) browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/console/session').then(r => r.json()).then(j => done(j.data.csrf_token));");
    }

    private static long tokenGid(String token) {
        return Long.parseLong(token.substring(token.lastIndexOf('/') + 1, token.indexOf(':')));
    }

    // --- behaviour ------------------------------------------------------------------------------

    @Test
    void signingInShowsTheUserAndKeepsTheTokenOutOfThePage() {
        signIn(server.token());

        assertThat(byId("who-name").getText()).contains("@");
        assertThat(byId("token").getAttribute("value")).isEmpty();
        Object storage = browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) + document.cookie;");
        assertThat(String.valueOf(storage)).doesNotContain(server.token()).doesNotContain("attache_session");
        Cookie cookie = driver.manage().getCookieNamed(ConsoleSessions.COOKIE);
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
    }

    @Test
    void aRefusedTokenIsExplainedInThePage() {
        openSignedOut();
        byId("token").sendKeys("2/1/2:" + "0".repeat(32), Keys.ENTER);

        WebElement error = browser.await(d -> {
            WebElement e = d.findElement(By.id("sign-in-error"));
            return e.isDisplayed() ? e : null;
        });
        assertThat(error.getText()).contains("not accepted").doesNotContain("{");
    }

    @Test
    void creatingATaskFromThePageOpensIt() {
        signIn(server.token());

        byId("parent-name").sendKeys("Made in the browser", Keys.ENTER);

        browser.await(d -> d.findElement(By.id("parent-title")).getText().equals("Task: Made in the browser"));
        String gid = driver.findElement(By.cssSelector("#parents button[aria-current=true]")).getAttribute("data-gid");
        assertThat(server.get("/tasks/" + gid).data().get("name").asText()).isEqualTo("Made in the browser");
        assertThat(byId("attachments-empty").isDisplayed()).isTrue();
    }

    @Test
    void uploadingTwoFilesShowsEachProgressComplete() throws IOException {
        String task = server.createTask("two uploads");
        Path first = Files.write(dir.resolve("first.txt"), "first file\n".getBytes(StandardCharsets.UTF_8));
        Path second = Files.write(dir.resolve("second.bin"), new byte[300_000]);
        signIn(server.token());
        pickTask(task);

        byId("files").sendKeys(first + "\n" + second);

        browser.await(d -> d.findElements(By.cssSelector("#uploads li[data-state=done]")).size() == 2);
        for (WebElement row : driver.findElements(By.cssSelector("#uploads li"))) {
            WebElement bar = row.findElement(By.tagName("progress"));
            assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max"));
            assertThat(row.findElement(By.className("status")).getText()).isEqualTo("Uploaded");
        }
        browser.await(d -> attachmentNames().containsAll(List.of("first.txt", "second.bin")));
        assertThat(server.get("/attachments?parent=" + task).data().findValuesAsText("name"))
                .containsExactlyInAnyOrder("first.txt", "second.bin");
    }

    @Test
    void attachingALinkListsItAndOpensItInANewTab() {
        String task = server.createTask("link");
        signIn(server.token());
        pickTask(task);

        driver.findElement(By.cssSelector("#link-box summary")).click();
        byId("link-url").sendKeys("https://example.com/spec");
        byId("link-name").sendKeys("The spec", Keys.ENTER);

        browser.await(d -> attachmentNames().contains("The spec"));
        driver.findElement(By.xpath("//span[@class='name'][text()='The spec']")).click();
        WebElement open = browser.await(d -> d.findElement(By.id("open-link")));
        browser.await(d -> open.isDisplayed());
        assertThat(open.getAttribute("href")).isEqualTo("https://example.com/spec");
        assertThat(open.getAttribute("rel")).contains("noopener", "noreferrer");
        assertThat(byId("download").isDisplayed()).isFalse();
    }

    @Test
    void aFileOverTheLimitIsRefusedBeforeSending() throws IOException {
        String task = server.createTask("too big");
        Path big = dir.resolve("big.iso");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(100L * 1024 * 1024 + 1); // sparse: no disk used
        }
        signIn(server.token());
        pickTask(task);

        byId("files").sendKeys(big.toString());

        WebElement row = browser.await(d -> d.findElement(By.cssSelector("#uploads li[data-state=failed]")));
        assertThat(row.getText()).contains("over the 100 MB limit");
        assertThat(server.get("/attachments?parent=" + task).data()).isEmpty();
    }

    @Test
    void cancellingOneUploadKeepsTheOther() throws IOException {
        String task = server.createTask("cancel one");
        Path small = Files.write(dir.resolve("small.txt"), "small\n".getBytes(StandardCharsets.UTF_8));
        Path large = Files.write(dir.resolve("large.bin"), new byte[8 * 1024 * 1024]);
        signIn(server.token());
        pickTask(task);
        // Throttled to 64 KB/s the large upload takes minutes, so it is still running when cancelled.
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(64 * 1024);
        driver.setNetworkConditions(slow);
        try {
            byId("files").sendKeys(small + "\n" + large);
            WebElement row = browser.await(d -> d.findElement(By.cssSelector("#uploads li[data-name='large.bin'][data-state=sending]")));
            row.findElement(By.xpath(".//button[text()='Cancel']")).click();

            browser.await(d -> "cancelled".equals(row.getAttribute("data-state")));
            browser.await(d -> d.findElements(By.cssSelector("#uploads li[data-name='small.txt'][data-state=done]")).size() == 1);
        } finally {
            driver.deleteNetworkConditions();
        }
        assertThat(storedNames(task)).containsExactly("small.txt");
    }

    private List<String> storedNames(String task) {
        return server.get("/attachments?parent=" + task).data().findValuesAsText("name");
    }

    @Test
    void anImageIsPreviewedInline() throws IOException {
        String task = server.createTask("image");
        String gid = upload(task, "dot.png", "image/png", png(37, 21));
        signIn(server.token());
        pickTask(task);

        openAttachment(gid);

        WebElement img = browser.await(d -> d.findElement(By.id("preview-image")));
        browser.await(d -> ((Number) browser.script("return arguments[0].naturalWidth;", img)).intValue() > 0);
        assertThat(((Number) browser.script("return arguments[0].naturalWidth;", img)).intValue()).isEqualTo(37);
        assertThat(((Number) browser.script("return arguments[0].naturalHeight;", img)).intValue()).isEqualTo(21);
    }

    @Test
    void activeContentIsNotPreviewed() {
        String task = server.createTask("html");
        String gid = upload(task, "page.html", "text/html", "<script>document.title='ran'</script>".getBytes(StandardCharsets.UTF_8));
        signIn(server.token());
        pickTask(task);

        openAttachment(gid);

        browser.await(d -> d.findElement(By.id("preview")).getText().startsWith("No preview for application/octet-stream"));
        assertThat(driver.getTitle()).isEqualTo("Attaché console");
    }

    @Test
    void downloadSavesTheSameBytes() throws IOException {
        String task = server.createTask("download");
        byte[] bytes = new byte[200_000];
        new Random(13).nextBytes(bytes);
        String gid = upload(task, "random.bin", "application/octet-stream", bytes);
        signIn(server.token());
        pickTask(task);
        openAttachment(gid);

        byId("download").click();

        Path saved = browser.downloads().resolve("random.bin");
        // Chromium may create the final name early and fill it through a .crdownload file; wait for both to settle.
        browser.await(d -> downloadFinished(saved, bytes.length));
        assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);
    }

    @Test
    void aTextPreviewShowsTheTextAndNothingElse() {
        String task = server.createTask("text");
        String gid = upload(task, "note.txt", "text/plain", "just this".getBytes(StandardCharsets.UTF_8));
        signIn(server.token());
        pickTask(task);

        openAttachment(gid);

        browser.await(d -> d.findElement(By.cssSelector("#preview pre")).getText().equals("just this"));
        assertThat(byId("preview").getText()).isEqualTo("just this");
    }

    @Test
    void previewAndDownloadWorkWithThePageOpenedAtLocalhost() throws IOException {
        String task = server.createTask("localhost");
        byte[] bytes = "read at localhost".getBytes(StandardCharsets.UTF_8);
        String gid = upload(task, "local.txt", "text/plain", bytes);
        assertThat(server.app().baseUri().getHost()).as("the server's own URLs name another host").isEqualTo("127.0.0.1");
        signInAt("http://localhost:" + server.app().baseUri().getPort() + "/", server.token());
        pickTask(task);
        openAttachment(gid);

        browser.await(d -> d.findElement(By.cssSelector("#preview pre")).getText().equals("read at localhost"));
        byId("download").click();

        Path saved = browser.downloads().resolve("local.txt");
        browser.await(d -> downloadFinished(saved, bytes.length));
        assertThat(Files.readAllBytes(saved)).isEqualTo(bytes);
    }

    @Test
    void theDetailsSayWhatTheFileIsInWords() {
        String task = server.createTask("Quarterly plan");
        String gid = upload(task, "notes.txt", "text/plain", new byte[510]);
        signIn(server.token());
        pickTask(task);

        openAttachment(gid);

        browser.await(d -> !d.findElement(By.id("summary")).getText().isEmpty());
        assertThat(byId("summary").getText()).contains("Uploaded file", "510 bytes", "Task “Quarterly plan”")
                .doesNotContain("510 bytes (510 bytes)");
        assertThat(byId("fields").isDisplayed()).as("raw fields wait behind the disclosure").isFalse();
    }

    @Test
    void aNoticeLeavesWithTheViewItWasRaisedIn() {
        String first = server.createTask("notice one");
        String second = server.createTask("notice two");
        String gid = upload(first, "gone.txt", "text/plain", new byte[] {1});
        signIn(server.token());
        pickTask(first);
        openAttachment(gid);
        byId("delete").click();
        browser.await(d -> d.findElement(By.id("confirm-delete-button"))).click();
        browser.await(d -> d.findElement(By.id("notice")).getText().startsWith("Deleted"));

        pickTask(second);

        assertThat(byId("notice").isDisplayed()).isFalse();
    }

    @Test
    void aLongListPagesWithShowMore() {
        String task = server.createTask("long list");
        for (int i = 0; i < 23; i++) {
            Reply r = server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                    .field("url", "https://example.com/" + i).field("name", String.format("link %02d", i)));
            assertThat(r.status()).isEqualTo(200);
        }
        signIn(server.token());
        pickTask(task);

        browser.await(d -> attachmentNames().size() == 20);
        assertThat(attachmentNames()).startsWith("link 00").endsWith("link 19");
        byId("more").click();

        browser.await(d -> attachmentNames().size() == 23);
        assertThat(attachmentNames()).endsWith("link 20", "link 21", "link 22");
        assertThat(byId("more").isDisplayed()).isFalse();
    }

    @Test
    void copyingThePermanentUrlPutsItOnTheClipboard() {
        String task = server.createTask("copy");
        String gid = upload(task, "copied.txt", "text/plain", "c".getBytes(StandardCharsets.UTF_8));
        String permanentUrl = server.get("/attachments/" + gid).data().get("permanent_url").asText();
        signIn(server.token());
        pickTask(task);
        openAttachment(gid);

        // Reading the clipboard back takes a permission a person would grant at a prompt.
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", server.app().baseUri().toString(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));

        byId("copy-url").click();

        browser.await(d -> d.findElement(By.id("copy-result")).getText().equals("Copied the permanent URL."));
        assertThat(browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.clipboard.readText().then(done, e => done('refused: ' + e));")).isEqualTo(permanentUrl);
    }

    @Test
    void deletingAfterAConfirmationThatNamesTheFileRemovesIt() {
        String task = server.createTask("delete");
        String gid = upload(task, "unwanted.txt", "text/plain", "bye".getBytes(StandardCharsets.UTF_8));
        signIn(server.token());
        pickTask(task);
        openAttachment(gid);

        byId("delete").click();
        browser.await(d -> d.findElement(By.id("confirm-delete")).isDisplayed());
        assertThat(byId("confirm-text").getText()).contains("“unwanted.txt”");
        byId("confirm-delete-button").click();

        browser.await(d -> d.findElements(By.cssSelector("#attachment-list li[data-gid='" + gid + "']")).isEmpty());
        assertThat(server.get("/attachments/" + gid).status()).isEqualTo(404);
    }

    @Test
    void cancellingTheConfirmationKeepsTheFile() {
        String task = server.createTask("keep");
        String gid = upload(task, "keep.txt", "text/plain", "stay".getBytes(StandardCharsets.UTF_8));
        signIn(server.token());
        pickTask(task);
        openAttachment(gid);

        byId("delete").click();
        browser.await(d -> d.findElement(By.id("confirm-delete")).isDisplayed());
        byId("confirm-delete").sendKeys(Keys.ESCAPE);

        browser.await(d -> !d.findElement(By.id("confirm-delete")).isDisplayed());
        assertThat(server.get("/attachments/" + gid).status()).isEqualTo(200);
    }

    @Test
    void signingOutEndsTheSession() {
        signIn(server.token());
        String cookie = driver.manage().getCookieNamed(ConsoleSessions.COOKIE).getValue();

        byId("sign-out").click();

        browser.await(d -> d.findElement(By.id("sign-in")).isDisplayed());
        assertThat(byId("notice").getText()).isEqualTo("Signed out.");
        Reply r = server.send(java.net.http.HttpRequest.newBuilder(server.api("/users/me"))
                .header("Cookie", ConsoleSessions.COOKIE + "=" + cookie).GET().build());
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void aStateChangeWithoutTheCsrfTokenIsRefused() {
        signIn(server.token());
        String body = "{\"data\":{\"workspace\":\"" + server.workspaceGid() + "\",\"name\":\"forged\"}}";

        Map<String, Object> without = pageFetch("POST", "/api/1.0/tasks", body, Map.of());
        Map<String, Object> with = pageFetch("POST", "/api/1.0/tasks", body, Map.of("X-CSRF-Token", csrfOfThisSession()));

        assertThat(((Number) without.get("status")).intValue()).isEqualTo(403);
        assertThat(((Number) with.get("status")).intValue()).isEqualTo(201);
    }

    @Test
    void revokingTheTokenSendsThePageBackToSignIn() {
        long user = server.devUserGid();
        String token = server.app().admin().issueToken(user, TokenKind.PERSONAL, Set.of(), "browser").token();
        signIn(token);

        server.app().admin().revokeToken(tokenGid(token));
        driver.findElement(By.cssSelector(".tabs button[data-type=project]")).click();

        browser.await(d -> d.findElement(By.id("sign-in")).isDisplayed());
        assertThat(byId("notice").getText()).contains("session has ended");
        assertThat(((Number) pageFetch("GET", "/api/1.0/users/me", null, Map.of()).get("status")).intValue()).isEqualTo(401);
    }

    @Test
    void thePageFitsA400PixelWideScreen() {
        String task = server.createTask("a task with a rather long name that has to wrap on a phone screen");
        upload(task, "a-file-with-a-long-name-that-must-wrap-somewhere-sensible.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        signIn(server.token());
        driver.manage().window().setSize(new Dimension(400, 900));
        pickTask(task);

        long overflow = ((Number) browser.script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
        assertThat(overflow).isLessThanOrEqualTo(0);
    }

    @Test
    void anAttachmentOpensFromTheKeyboard() {
        String task = server.createTask("keyboard");
        String gid = upload(task, "keys.txt", "text/plain", "typed".getBytes(StandardCharsets.UTF_8));
        signIn(server.token());
        pickTask(task);

        WebElement row = browser.await(d -> d.findElement(By.cssSelector("#attachment-list li[data-gid='" + gid + "'] button")));
        row.sendKeys(Keys.ENTER);

        browser.await(d -> d.findElement(By.id("details-title")).equals(d.switchTo().activeElement()));
        browser.await(d -> d.findElement(By.cssSelector("#preview pre")).getText().equals("typed"));
    }

    private boolean downloadFinished(Path saved, long length) {
        try (var files = Files.list(browser.downloads())) {
            return Files.exists(saved) && Files.size(saved) == length
                    && files.noneMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, (x * 7) << 16 | (y * 11) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
