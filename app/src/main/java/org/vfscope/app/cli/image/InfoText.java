package org.vfscope.app.cli.image;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.vfscope.app.image.Sizes;

/** The text form of {@code info}: the layout, then one block of "key  value" lines per filesystem. */
final class InfoText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private InfoText() {
    }

    @SuppressWarnings("unchecked")
    static void print(PrintWriter out, Map<String, Object> info) {
        Object table = info.get("partition_table");
        out.println(info.get("image") + ": " + Sizes.human((Long) info.get("size"))
                + (table == null ? ", no partition table" : ", " + table + " partition table"));
        for (String problem : (List<String>) info.get("table_problems")) {
            out.println("  problem: " + problem);
        }
        for (Map<String, Object> p : (List<Map<String, Object>>) info.get("partitions")) {
            String name = ((String) p.get("name")).isEmpty() ? "" : " \"" + p.get("name") + "\"";
            out.printf("  partition %d: %s at %s, %s%s%s: %s%n", p.get("number"), Sizes.human((Long) p.get("size")),
                    Sizes.human((Long) p.get("start")), p.get("type"), name, (Boolean) p.get("bootable") ? ", bootable" : "",
                    p.get("filesystem") == null ? "no recognised filesystem" : p.get("filesystem"));
        }
        for (Map<String, Object> fs : (List<Map<String, Object>>) info.get("filesystems")) {
            out.println();
            Object number = fs.get("partition");
            out.println((number == null ? "filesystem" : "partition " + number) + ": " + fs.get("type") + ", "
                    + Sizes.human((Long) fs.get("size")));
            if (fs.containsKey("error")) {
                out.println("  error: " + fs.get("error"));
                continue;
            }
            ((Map<String, Object>) fs.get("superblock")).forEach((key, value) -> out.printf("  %-22s %s%n",
                    key.replace('_', ' '), text(key, value)));
        }
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private static String text(String key, Object value) {
        if (key.endsWith("_time") && value instanceof Long t) {
            return t == 0 ? "never" : TIME.format(Instant.ofEpochSecond(t));
        }
        if (key.equals("features") && value instanceof List<?> l) {
            return String.join(" ", (List<String>) l);
        }
        if (key.equals("problems") && value instanceof List<?> l) {
            return l.isEmpty() ? "none" : l.size() + ": " + ((List<Map<String, Object>>) l).stream()
                    .map(m -> m.get("code") + " " + m.get("message")).reduce((a, b) -> a + "; " + b).orElse("");
        }
        return String.valueOf(value);
    }
}
