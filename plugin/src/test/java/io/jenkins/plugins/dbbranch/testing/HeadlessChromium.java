package io.jenkins.plugins.dbbranch.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, headless, driven through the system's chromedriver (nothing is downloaded), for tests that
 * need real layout: widths, overflow, what is in view. Tests skip themselves where {@link #isInstalled()} is false.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    /** A browser whose viewport is {@code width} × {@code height} CSS pixels. */
    public static HeadlessChromium open(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    public void get(String url) {
        driver.get(url);
    }

    /** The page's width including what overflows to the right, and the viewport's width, in CSS pixels. */
    public long scrollWidth() {
        return ((Number) driver.executeScript("return document.documentElement.scrollWidth")).longValue();
    }

    public long viewportWidth() {
        return ((Number) driver.executeScript("return window.innerWidth")).longValue();
    }

    /** Where the right edge of the first element matching {@code xpath} is, in CSS pixels from the viewport's left. */
    public double rightEdge(String xpath) {
        WebElement element = driver.findElement(By.xpath(xpath));
        if (!element.isDisplayed()) {
            return Double.POSITIVE_INFINITY;
        }
        return ((Number) driver.executeScript("return arguments[0].getBoundingClientRect().right", element)).doubleValue();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
