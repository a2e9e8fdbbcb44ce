package dev.attache.server.console;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import dev.attache.server.testing.ChromeBrowser;
import dev.attache.server.testing.Multipart;
import dev.attache.server.testing.TestServer;

/**
 * Not a test: writes the console screenshots in {@code docs/}. Not matched by the build's test
 * pattern; run it by name:
 * {@code mvn -B -q verify -pl server -Dtest=ConsoleScreenshots -Dsurefire.failIfNoSpecifiedTests=false -Dconsole.screenshots=$PWD/docs}
 */
class ConsoleScreenshots {

    @Test
    void writeScreenshots(@TempDir Path dir) throws IOException {
        Path out = Path.of(System.getProperty("console.screenshots", dir.resolve("shots").toString()));
        try (TestServer server = TestServer.start(Files.createDirectories(dir.resolve("data")));
             ChromeBrowser browser = ChromeBrowser.start(Files.createDirectories(dir.resolve("browser")))) {
            ChromeDriver driver = browser.driver();
            server.createTask("Quarterly report");
            server.createTask("Onboarding checklist");
            String task = server.createTask("Website relaunch");
            server.upload("/attachments", Multipart.form().field("parent", task)
                    .file("homepage-mockup.png", "image/png", mockup()));
            server.upload("/attachments", Multipart.form().field("parent", task)
                    .file("copy-deck.txt", "text/plain", "Headline: Attach anything.\n".repeat(40).getBytes(StandardCharsets.UTF_8)));
            server.upload("/attachments", Multipart.form().field("parent", task)
                    .file("launch-plan.pdf", "application/pdf", new byte[48_213]));
            server.upload("/attachments", Multipart.form().field("parent", task).field("resource_subtype", "external")
                    .field("url", "https://example.com/brand-guide").field("name", "Brand guide"));

            driver.manage().window().setSize(new Dimension(1280, 820));
            driver.get(server.root("/").toString());
            browser.await(d -> d.findElement(By.id("token")).isDisplayed());
            browser.screenshot(out.resolve("console-sign-in.png"));

            driver.findElement(By.id("token")).sendKeys(server.token(), Keys.ENTER);
            browser.await(d -> "false".equals(d.findElement(By.id("parents")).getAttribute("aria-busy")));
            driver.findElement(By.cssSelector("#parents button[data-gid='" + task + "']")).click();
            Path notes = Files.writeString(dir.resolve("meeting-notes.txt"), "Decisions: ship on Friday.\n");
            browser.await(d -> "false".equals(d.findElement(By.id("attachment-list")).getAttribute("aria-busy")));
            driver.findElement(By.id("files")).sendKeys(notes.toString());
            browser.await(d -> d.findElements(By.cssSelector("#uploads li[data-state=done]")).size() == 1);
            WebElement image = browser.await(d -> d.findElement(By.xpath("//span[@class='name'][text()='homepage-mockup.png']")));
            image.click();
            browser.await(d -> d.findElements(By.id("preview-image")).size() == 1);
            browser.await(d -> ((Number) browser.script("return document.getElementById('preview-image').naturalWidth;")).intValue() > 0);
            browser.screenshot(out.resolve("console.png"));

            driver.manage().window().setSize(new Dimension(400, 820));
            browser.script("document.getElementById('attachments').scrollIntoView();");
            browser.screenshot(out.resolve("console-narrow.png"));
        }
    }

    /** A small made-up page design, so the preview shows something recognisable. */
    private static byte[] mockup() throws IOException {
        BufferedImage img = new BufferedImage(480, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2457c5), 480, 300, new Color(0x7b3fc4)));
        g.fillRect(0, 0, 480, 300);
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRoundRect(40, 40, 400, 44, 12, 12);
        g.fillRoundRect(40, 110, 240, 150, 12, 12);
        g.fillRoundRect(300, 110, 140, 70, 12, 12);
        g.fillRoundRect(300, 190, 140, 70, 12, 12);
        g.setColor(new Color(0x1d2330));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString("Attach anything.", 56, 70);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        return bytes.toByteArray();
    }
}
