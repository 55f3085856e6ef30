"""Generated pages: the References page lists every text of the manifest."""

from __future__ import annotations

import corpora

from analysis.book import pages


def test_an_added_document_is_listed_on_the_references_page(tmp_path):
    corpus = corpora.seeds_plus_news(tmp_path / "corpus")
    listed = pages.corpus_texts_markdown(corpus)
    for entry in corpora.news_entries():
        assert f"- `{entry['id']}`: **" in listed
    assert "Border crossings stay shut as traders count losses" in listed


def test_metadata_markup_is_shown_as_text():
    escaped = pages.markdown_text("<script>alert(1)</script> {glue}`x` [link](http://x)")
    assert "<script>" not in escaped and "{glue}`" not in escaped and "](" not in escaped
