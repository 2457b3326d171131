package dev.stowage.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser UI end to end in real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, installed by {@code .ci/run}): upload a file, see it listed, download it
 * byte-identical, delete it. Skipped loudly when Chromium is absent, except in CI where it fails.
 */
class BrowserUiTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void a_file_uploaded_in_the_browser_is_listed_downloads_identical_and_can_be_deleted(@TempDir Path tmp)
            throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "Chromium is not installed (apt-get install chromium chromium-driver): the browser UI test"
                    + " cannot run";
            System.err.println("*** " + message + " ***");
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message + " and CI requires it");
            }
            Assumptions.abort(message);
        }
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        Path upload = Files.write(tmp.resolve("holiday photo.bin"), data);
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));
        try (Storage disk = Stowage.open(DiskConfig.of("uploads", "memory",
                Map.of("signing-secret", "browser-test-secret-0123456789")));
                StowageServer server = StowageServer.builder().disks(DiskDirectory.of(Map.of("uploads", disk)))
                        .port(0).start()) {
            WebDriver browser = chrome(tmp, downloads);
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                browser.get(server.baseUri().toString());
                wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("disk"), "uploads"));

                browser.findElement(By.id("file")).sendKeys(upload.toString());
                By row = By.cssSelector("tr[data-key='holiday photo.bin']");
                wait.until(ExpectedConditions.presenceOfElementLocated(row));
                assertThat(disk.getBytes("holiday photo.bin")).isEqualTo(data);
                Path screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(screenshot, Path.of("target", "server-ui.png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

                browser.findElement(row).findElement(By.cssSelector("a.download")).click();
                Path downloaded = downloads.resolve("holiday photo.bin");
                wait.until(d -> Files.exists(downloaded) && sizeOf(downloaded) == data.length);
                assertThat(Files.readAllBytes(downloaded)).isEqualTo(data);

                browser.findElement(row).findElement(By.cssSelector("button.delete")).click();
                wait.until(ExpectedConditions.alertIsPresent()).accept();
                wait.until(ExpectedConditions.invisibilityOfElementLocated(row));
                assertThat(disk.exists("holiday photo.bin")).isFalse();
            } finally {
                browser.quit();
            }
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static WebDriver chrome(Path tmp, Path downloads) throws java.io.IOException {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chrome-profile")));
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
