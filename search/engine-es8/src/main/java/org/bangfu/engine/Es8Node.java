package org.bangfu.engine;

import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

/**
 * An Elasticsearch 8 node from published artifacts: the server with netty4 (HTTP and transport), a
 * cjk analyser built from Lucene (the analysis-common module is not published) and the root
 * endpoint (the rest-root module is not published either). Every argument is a node setting,
 * {@code key=value}.
 */
public final class Es8Node {

    /** GET / (the root endpoint lives in the unpublished rest-root module): name and version. */
    public static final class Root extends Plugin implements org.elasticsearch.plugins.ActionPlugin {
        @Override
        public java.util.Collection<org.elasticsearch.rest.RestHandler> getRestHandlers(Settings settings,
                org.elasticsearch.common.io.stream.NamedWriteableRegistry registry,
                org.elasticsearch.rest.RestController controller,
                org.elasticsearch.common.settings.ClusterSettings clusterSettings,
                org.elasticsearch.common.settings.IndexScopedSettings indexScopedSettings,
                org.elasticsearch.common.settings.SettingsFilter settingsFilter,
                org.elasticsearch.cluster.metadata.IndexNameExpressionResolver resolver,
                java.util.function.Supplier<org.elasticsearch.cluster.node.DiscoveryNodes> nodes,
                java.util.function.Predicate<org.elasticsearch.features.NodeFeature> features) {
            return List.of(new org.elasticsearch.rest.BaseRestHandler() {
                @Override
                public String getName() {
                    return "bangfu_root";
                }

                @Override
                public List<Route> routes() {
                    return List.of(new Route(org.elasticsearch.rest.RestRequest.Method.GET, "/"),
                        new Route(org.elasticsearch.rest.RestRequest.Method.HEAD, "/"));
                }

                @Override
                protected RestChannelConsumer prepareRequest(org.elasticsearch.rest.RestRequest request,
                        org.elasticsearch.client.internal.node.NodeClient client) {
                    String body = "{\"name\":\"" + settings.get("node.name") + "\",\"cluster_name\":\""
                        + settings.get("cluster.name") + "\",\"version\":{\"number\":\""
                        + org.elasticsearch.Build.current().version() + "\",\"build_flavor\":\"default\"},"
                        + "\"tagline\":\"You Know, for Search\"}";
                    return channel -> channel.sendResponse(new org.elasticsearch.rest.RestResponse(
                        org.elasticsearch.rest.RestStatus.OK, "application/json", body));
                }
            });
        }
    }

    /** The cjk analyser and its two filters, from Lucene (analysis-common is not published). */
    public static final class Cjk extends Plugin implements AnalysisPlugin {
        @Override
        public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
            return Map.of(
                "cjk_width", (is, env, name, s) -> new AbstractTokenFilterFactory(name, s) {
                    @Override
                    public TokenStream create(TokenStream ts) {
                        return new CJKWidthFilter(ts);
                    }
                },
                "cjk_bigram", (is, env, name, s) -> new AbstractTokenFilterFactory(name, s) {
                    @Override
                    public TokenStream create(TokenStream ts) {
                        int flags = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA
                            | CJKBigramFilter.HANGUL;
                        return new CJKBigramFilter(ts, flags, s.getAsBoolean("output_unigrams", false));
                    }
                });
        }

        @Override
        public Map<String, AnalysisProvider<AnalyzerProvider<? extends org.apache.lucene.analysis.Analyzer>>> getAnalyzers() {
            return Map.of("cjk", (is, env, name, s) -> new AbstractIndexAnalyzerProvider<CJKAnalyzer>(name, s) {
                @Override
                public CJKAnalyzer get() {
                    return new CJKAnalyzer();
                }
            });
        }
    }

    /** MockNode asks for a randomized-testing context, which Es8Run provides. */
    public static void main(String[] args) {
        Es8Run.ARGS = args;
        var result = org.junit.runner.JUnitCore.runClasses(Es8Run.class);
        result.getFailures().forEach(f -> System.err.println(f.getTrace()));
        System.exit(result.wasSuccessful() ? 0 : 1);
    }
}
