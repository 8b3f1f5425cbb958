package org.bangfu.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.percolator.PercolatorPlugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One search node in this JVM: the server with the modules the backend needs (HTTP and transport
 * over netty4, the common analysers such as cjk and whitespace, the percolator), loaded from the
 * classpath instead of a distribution's plugin folders.
 *
 * <p>Every argument is a node setting, {@code key=value} ({@code path.home}, {@code http.port},
 * {@code discovery.seed_hosts}...). The node runs until the process is stopped (SIGTERM closes it).
 */
public final class EngineNode {

    /** Node's constructor that takes classpath plugins is protected. */
    private static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment) {
            super(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, PercolatorPlugin.class), true);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got: " + arg);
            }
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), null, () -> settings.get("node.name"));
        Node node = new ClasspathNode(environment).start();
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                closed.countDown();
            }
        }, "engine-node-shutdown"));
        closed.await();
    }
}
