# Elasticsearch with the smartcn Chinese analyser (the built-in cjk bigram analyser also works:
# set ELASTICSEARCH_ANALYZER=cjk).
FROM elasticsearch:8.19.3
RUN bin/elasticsearch-plugin install --batch analysis-smartcn
