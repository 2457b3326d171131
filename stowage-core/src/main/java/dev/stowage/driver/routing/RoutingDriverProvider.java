package dev.stowage.driver.routing;

import dev.stowage.StorageConfigurationException;
import dev.stowage.config.CompositeDriverProvider;
import dev.stowage.config.MemberDisks;
import dev.stowage.spi.DiskConfig;
import dev.stowage.spi.StorageDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registers the {@code routing} driver: {@code stowage.disks.files.driver=routing} with
 * {@code rules[0]=temp/** -> local}, {@code rules[1]=** -> s3} (or all rules in one setting,
 * separated by {@code ;}: {@code rules=temp/** -> local; ** -> s3}).
 */
public final class RoutingDriverProvider implements CompositeDriverProvider {
    private static final Pattern INDEXED = Pattern.compile("rules\\[(\\d+)\\]");

    @Override
    public Set<String> schemes() {
        return Set.of("routing");
    }

    @Override
    public Set<String> knownSettings() {
        return Set.of("rules");
    }

    @Override
    public StorageDriver create(DiskConfig config, MemberDisks members) {
        List<String> problems = problems(config, members.names());
        if (!problems.isEmpty()) {
            throw new StorageConfigurationException(config.name(), String.join("; ", problems));
        }
        RoutingDriver.Builder b = RoutingDriver.builder(config.name());
        for (String text : ruleTexts(config)) {
            RoutingRule rule = RoutingRule.parse(text);
            b.route(rule.glob().pattern(), members.driver(rule.target()));
        }
        return b.build();
    }

    @Override
    public List<String> problems(DiskConfig config, Set<String> diskNames) {
        List<String> problems = new ArrayList<>();
        List<String> texts = ruleTexts(config);
        if (texts.isEmpty()) {
            problems.add("a routing disk needs rules: stowage.disks." + config.name() + ".rules[0]=temp/** -> local, "
                    + "…, and last a fallback rule '** -> <disk>'");
            return problems;
        }
        boolean fallback = false;
        for (int i = 0; i < texts.size(); i++) {
            try {
                RoutingRule rule = RoutingRule.parse(texts.get(i));
                if (fallback) {
                    problems.add("rule '" + texts.get(i) + "' comes after the fallback rule '**' and can never match");
                }
                fallback |= rule.glob().matchesEverything();
                if (rule.target().equals(config.name())) {
                    problems.add("rule '" + texts.get(i) + "' routes the disk to itself");
                } else if (!diskNames.contains(rule.target())) {
                    problems.add("rule '" + texts.get(i) + "' names disk '" + rule.target() + "', which is not configured");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!fallback) {
            problems.add("the routing rules need a fallback rule '** -> <disk>' last, so that every key has an owner");
        }
        return problems;
    }

    @Override
    public Set<String> members(DiskConfig config) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (String text : ruleTexts(config)) {
            try {
                names.add(RoutingRule.parse(text).target());
            } catch (IllegalArgumentException ignored) {
                // reported by problems()
            }
        }
        return names;
    }

    static List<String> ruleTexts(DiskConfig config) {
        Map<Integer, String> indexed = new TreeMap<>();
        config.settings().forEach((k, v) -> {
            Matcher m = INDEXED.matcher(k);
            if (m.matches()) {
                indexed.put(Integer.parseInt(m.group(1)), v);
            }
        });
        List<String> texts = new ArrayList<>();
        config.get("rules").ifPresent(all -> {
            for (String r : all.split(";")) {
                if (!r.isBlank()) {
                    texts.add(r.strip());
                }
            }
        });
        texts.addAll(indexed.values());
        return texts;
    }
}
