#!/usr/bin/env python3
"""The baseline: what a developer writes first to answer questions about one article.

Split the article into sentences (at 。！？； and line ends), segment each with jieba
(cut_for_search), rank the sentences with BM25 (rank_bm25.BM25Okapi) and answer with the
best one. It reads one question per line on stdin and writes one JSON line per question,
like `factbot ask --json`, so `benches/compare.py` can time both the same way.

    pip install -r benches/baseline/requirements.txt
    python3 benches/baseline/bm25_jieba.py --article data/qingdao-opening-up.txt < questions.txt
"""
import argparse
import json
import logging
import re
import sys
import unicodedata

SENTENCE_END = re.compile(r"(?<=[。！？；\n])")


def sentences(path):
    """(sentence, paragraph number) pairs; paragraphs are separated by blank lines."""
    with open(path, encoding="utf-8") as fh:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", fh.read()) if p.strip()]
    return [
        (s.strip(), n)
        for n, p in enumerate(paragraphs)
        for s in SENTENCE_END.split(p)
        if s.strip()
    ]


def is_word(token):
    """Punctuation and spaces are no words."""
    return not all(c.isspace() or unicodedata.category(c)[0] in "PSZ" for c in token)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", required=True)
    args = parser.parse_args()

    import jieba
    from rank_bm25 import BM25Okapi

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()

    def tokens(text):
        return [t for t in jieba.lcut_for_search(text) if is_word(t)]

    sents = sentences(args.article)
    corpus = [tokens(s) for s, _ in sents]
    bm25 = BM25Okapi(corpus)
    vocabulary = {t for doc in corpus for t in doc}

    for line in sys.stdin:
        q = line.strip()
        answer = {"question": q, "status": "not_found", "answers": []}
        words = tokens(q) if q else []
        if any(w in vocabulary for w in words):
            scores = bm25.get_scores(words)
            best = max(range(len(sents)), key=lambda i: scores[i])
            excerpt, paragraph = sents[best]
            answer = {
                "question": q,
                "status": "answered",
                "answers": [
                    {"excerpt": excerpt, "paragraph": paragraph, "score": float(scores[best])}
                ],
            }
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
