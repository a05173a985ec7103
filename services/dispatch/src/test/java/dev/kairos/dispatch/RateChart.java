package dev.kairos.dispatch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** A line chart of records per second over time, one line per series, drawn headless into a PNG. */
final class RateChart {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

    private final String title;
    private final Map<String, long[]> series = new LinkedHashMap<>();

    RateChart(String title) {
        this.title = title;
    }

    /** @param perSecond the count of each second, from the start of the series */
    RateChart add(String name, long[] perSecond) {
        series.put(name, perSecond);
        return this;
    }

    void write(Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int seconds = Math.max(2, series.values().stream().mapToInt(s -> s.length).max().orElse(0));
        long top = Math.max(1, series.values().stream().flatMapToLong(java.util.Arrays::stream).max().orElse(1));
        long step = niceStep(top);
        long yMax = ((top + step - 1) / step) * step;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (long y = 0; y <= yMax; y += step) {
            int py = TOP + plotHeight - (int) (plotHeight * y / yMax);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, py, LEFT + plotWidth, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,d", y), 8, py + 4);
        }
        int xStep = Math.max(1, seconds / 10);
        for (int x = 0; x < seconds; x += xStep) {
            int px = LEFT + plotWidth * x / (seconds - 1);
            g.drawString(x + " s", px - 8, TOP + plotHeight + 18);
        }
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);
        g.drawString("records per second (read-committed arrivals on the output), by second since the load started",
                LEFT, HEIGHT - 15);
        int colour = 0;
        for (Map.Entry<String, long[]> line : series.entrySet()) {
            g.setColor(COLOURS[colour % COLOURS.length]);
            g.setStroke(new BasicStroke(2f));
            long[] values = line.getValue();
            for (int i = 1; i < values.length; i++) {
                g.drawLine(LEFT + plotWidth * (i - 1) / (seconds - 1),
                        TOP + plotHeight - (int) (plotHeight * values[i - 1] / yMax),
                        LEFT + plotWidth * i / (seconds - 1), TOP + plotHeight - (int) (plotHeight * values[i] / yMax));
            }
            g.fillRect(LEFT + plotWidth - 260, TOP + 12 + 18 * colour, 14, 4);
            g.drawString(line.getKey(), LEFT + plotWidth - 240, TOP + 18 + 18 * colour);
            colour++;
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** A round step (1, 2 or 5 times a power of ten) giving about five grid lines. */
    private static long niceStep(long top) {
        long magnitude = 1;
        while (magnitude * 10 <= top / 5) {
            magnitude *= 10;
        }
        for (long factor : new long[] {1, 2, 5, 10}) {
            if (top / (magnitude * factor) <= 6) {
                return magnitude * factor;
            }
        }
        return magnitude * 10;
    }
}
