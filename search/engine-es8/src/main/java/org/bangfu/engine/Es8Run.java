package org.bangfu.engine;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.carrotsearch.randomizedtesting.RandomizedRunner;
import com.carrotsearch.randomizedtesting.annotations.ThreadLeakScope;
import com.carrotsearch.randomizedtesting.annotations.Timeout;
import com.carrotsearch.randomizedtesting.annotations.TimeoutSuite;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.node.MockNode;

import org.elasticsearch.transport.netty4.Netty4Plugin;
import org.junit.Test;
import org.junit.runner.RunWith;

/**
 * The node of {@link Es8Node}, run as the one test of a randomized-testing suite: the test
 * framework's MockNode (the only published way to start a node with classpath plugins) asks for that
 * context. The test never ends; the process is stopped by a signal.
 */
@RunWith(RandomizedRunner.class)
@TimeoutSuite(millis = Integer.MAX_VALUE)
@ThreadLeakScope(ThreadLeakScope.Scope.NONE)
public class Es8Run {
    static String[] ARGS;

    @Test
    @Timeout(millis = Integer.MAX_VALUE)
    public void serve() throws Exception {
        Settings.Builder builder = Settings.builder();
        for (String arg : ARGS) {
            int eq = arg.indexOf('=');
            builder.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Settings settings = builder.build();
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureWithoutConfig(settings);
        new MockNode(settings, List.of(Netty4Plugin.class, Es8Node.Cjk.class, Es8Node.Root.class)).start();
        System.out.println("es8 node started");
        new CountDownLatch(1).await();
    }
}
