"""The funding app's HTTP endpoints: donation pages, the download of documents behind money, the provider's webhook."""
