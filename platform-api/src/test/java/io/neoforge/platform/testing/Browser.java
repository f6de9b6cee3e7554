package io.neoforge.platform.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through Debian's chromium-driver (both installed by {@code .ci/run}). The driver
 * is given explicitly, so Selenium Manager never runs and nothing is downloaded; Chromium resolves no host but
 * 127.0.0.1/localhost and writes its profile and caches into temporary directories, never the home directory.
 * One browser per test class: start it in {@code @BeforeAll}, {@link #close()} it in {@code @AfterAll}.
 */
public final class Browser implements AutoCloseable {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** A laptop's viewport. */
    public static final Viewport LAPTOP = new Viewport(1366, 768, 1);
    /** A 4K wall screen at 200 % scaling: 1920×1080 CSS pixels, screenshots of 3840×2160. */
    public static final Viewport WALL = new Viewport(1920, 1080, 2);

    public record Viewport(int width, int height, double deviceScaleFactor) {}

    private final Path home;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(boolean javascript) {
        try {
            home = Files.createTempDirectory("neoforge-browser-");
            Path profile = Files.createDirectories(home.resolve("profile"));
            Path config = Files.createDirectories(home.resolve("config"));
            Path cache = Files.createDirectories(home.resolve("cache"));
            Path logs = Files.createDirectories(Path.of("target", "browser"));

            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("XDG_CONFIG_HOME", config.toString(), "XDG_CACHE_HOME", cache.toString()))
                    .withLogFile(logs.resolve("chromedriver.log").toFile())
                    .build();

            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                    "--user-data-dir=" + profile,
                    "--window-size=" + LAPTOP.width() + "," + LAPTOP.height());
            if (!javascript) {
                options.addArguments("--blink-settings=scriptEnabled=false");
                options.setExperimentalOption(
                        "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
            }
            driver = new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Browser start() {
        return new Browser(true);
    }

    /** A browser that runs no script at all, as a reader with JavaScript turned off. */
    public static Browser withoutJavaScript() {
        return new Browser(false);
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Opens {@code path} under the application's URL. The host resolver rules resolve nothing but 127.0.0.1, not even
     * {@code localhost} (the host of Quarkus' test URL), so the URL is given with the address.
     */
    public void open(URL base, String path) {
        driver.get(reachable(base).replaceAll("/+$", "") + path);
    }

    /** {@code url} with {@code localhost} replaced by 127.0.0.1, the one address this browser resolves. */
    public static String reachable(URL url) {
        String host = "localhost".equalsIgnoreCase(url.getHost()) ? "127.0.0.1" : url.getHost();
        return url.getProtocol() + "://" + host + (url.getPort() < 0 ? "" : ":" + url.getPort()) + url.getPath();
    }

    /** Sets the page's viewport exactly (the window size of headless Chromium is not its viewport). */
    public void viewport(Viewport viewport) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        viewport.width(),
                        "height",
                        viewport.height(),
                        "deviceScaleFactor",
                        viewport.deviceScaleFactor(),
                        "mobile",
                        false));
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * Waits until {@code condition} returns a non-null, non-false value, ignoring elements that a refresh of the page
     * took away while they were read.
     */
    public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(what)
                .until(condition);
    }

    /**
     * Does {@code action} until {@code done} holds. The dashboard reloads itself every few seconds in the tests, so an
     * element found a moment ago may be gone when it is typed into or clicked: such an attempt is simply repeated.
     */
    public void actUntil(Duration timeout, String what, Runnable action, Function<WebDriver, Boolean> done) {
        await(timeout, what, d -> {
            if (Boolean.TRUE.equals(done.apply(d))) {
                return true;
            }
            action.run();
            return Boolean.TRUE.equals(done.apply(d)) ? true : null;
        });
    }

    /** A screenshot of the viewport, written to {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temporary directory left behind is not worth failing a test for.
            }
        }
    }
}
