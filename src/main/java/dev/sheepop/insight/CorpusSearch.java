package dev.sheepop.insight;

import dev.sheepop.common.Hashing;
import dev.sheepop.common.UserException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the passages of a corpus that best match a query: BM25 over passages of about {@value #PASSAGE} characters
 * (cut at line ends), with Apache Lucene. The index lives beside the dataset ({@code search/}) and is kept in step
 * with it incrementally: documents are identified by their content hash, so re-ingesting adds the passages of new
 * documents and removes those of documents that are gone, and leaves the rest alone.
 */
public final class CorpusSearch implements AutoCloseable {
    static final int PASSAGE = 600;
    private static final String TEXT = "text";
    private static final String FILE = "file";
    private static final String OFFSET = "offset";
    private static final String DOC = "doc";
    private final Directory directory;
    private final Analyzer analyzer = new StandardAnalyzer();
    private DirectoryReader reader;

    /** A passage that matched: its file, where it starts in that file, its text, its score and the matched ranges. */
    public record Hit(String file, int offset, String text, float score, List<int[]> highlights) {
    }

    /** What an update did: documents added and removed, passages in the index. */
    public record Update(int added, int removed, int passages) {
    }

    private CorpusSearch(Directory directory) {
        this.directory = directory;
    }

    /** Opens (or creates) the index in {@code dir} and brings it in step with {@code documents}. */
    public static CorpusSearch open(Path dir, List<String> documents, List<String> names) {
        try {
            var search = new CorpusSearch(FSDirectory.open(dir));
            search.update(documents, names);
            return search;
        } catch (IOException e) {
            throw new UserException("Cannot open the search index " + dir + ": " + e.getMessage(), e);
        }
    }

    /** An index in memory (a corpus that is not a dataset folder). */
    public static CorpusSearch inMemory(List<String> documents, List<String> names) {
        try {
            var search = new CorpusSearch(new org.apache.lucene.store.ByteBuffersDirectory());
            search.update(documents, names);
            return search;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds the passages of documents not in the index, removes those of documents no longer in the corpus. */
    public synchronized Update update(List<String> documents, List<String> names) throws IOException {
        var wanted = new LinkedHashSet<String>();
        var hashes = new ArrayList<String>(documents.size());
        for (String d : documents) {
            String h = Hashing.sha256(d);
            hashes.add(h);
            wanted.add(h);
        }
        Set<String> present = indexedDocuments();
        int added = 0;
        int removed = 0;
        try (var writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (String h : present) {
                if (!wanted.contains(h)) {
                    writer.deleteDocuments(new Term(DOC, h));
                    removed++;
                }
            }
            var seen = new HashSet<String>(present);
            for (int i = 0; i < documents.size(); i++) {
                if (seen.add(hashes.get(i))) {
                    addPassages(writer, documents.get(i), i < names.size() ? names.get(i) : "document " + (i + 1), hashes.get(i));
                    added++;
                }
            }
            writer.commit();
        }
        reopen();
        return new Update(added, removed, reader.numDocs());
    }

    private Set<String> indexedDocuments() throws IOException {
        var set = new HashSet<String>();
        if (!DirectoryReader.indexExists(directory)) {
            return set;
        }
        try (var r = DirectoryReader.open(directory)) {
            var stored = r.storedFields();
            var live = org.apache.lucene.index.MultiBits.getLiveDocs(r);
            for (int i = 0; i < r.maxDoc(); i++) {
                if (live == null || live.get(i)) {
                    set.add(stored.document(i, Set.of(DOC)).get(DOC));
                }
            }
        }
        return set;
    }

    private static void addPassages(IndexWriter writer, String text, String file, String hash) throws IOException {
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + PASSAGE);
            if (end < text.length()) {
                int newline = text.lastIndexOf('\n', end);
                if (newline > start + PASSAGE / 3) {
                    end = newline + 1;
                }
            }
            String passage = text.substring(start, end);
            if (!passage.isBlank()) {
                var doc = new Document();
                doc.add(new TextField(TEXT, passage, Field.Store.YES));
                doc.add(new StoredField(FILE, file));
                doc.add(new StoredField(OFFSET, start));
                doc.add(new StringField(DOC, hash, Field.Store.YES));
                writer.addDocument(doc);
            }
            start = end;
        }
    }

    private void reopen() throws IOException {
        if (reader != null) {
            reader.close();
        }
        reader = DirectoryReader.open(directory);
    }

    /** The {@code k} passages that best match {@code query} (its words, in any order), best first. */
    public synchronized List<Hit> search(String query, int k) {
        try {
            Set<String> terms = terms(query);
            if (terms.isEmpty() || reader == null) {
                return List.of();
            }
            var q = new BooleanQuery.Builder();
            for (String t : terms) {
                q.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD);
            }
            var searcher = new IndexSearcher(reader);
            var hits = new ArrayList<Hit>();
            var stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(q.build(), k).scoreDocs) {
                Document d = stored.document(sd.doc);
                String text = d.get(TEXT);
                hits.add(new Hit(d.get(FILE), d.getField(OFFSET).numericValue().intValue(), text, sd.score,
                        highlights(text, terms)));
            }
            return hits;
        } catch (IOException e) {
            throw new UserException("Search failed: " + e.getMessage(), e);
        }
    }

    /** The analysed words of a text (lower-cased, split as the index splits). */
    Set<String> terms(String text) throws IOException {
        var out = new LinkedHashSet<String>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
            var term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    /** [start, end) ranges of the words of {@code text} that are query terms. */
    private List<int[]> highlights(String text, Set<String> terms) throws IOException {
        var ranges = new ArrayList<int[]>();
        try (TokenStream ts = analyzer.tokenStream(TEXT, text)) {
            var term = ts.addAttribute(CharTermAttribute.class);
            var offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (terms.contains(term.toString())) {
                    ranges.add(new int[]{offset.startOffset(), offset.endOffset()});
                }
            }
            ts.end();
        }
        return ranges;
    }

    /** Passages in the index. */
    public synchronized int passages() {
        return reader == null ? 0 : reader.numDocs();
    }

    @Override
    public synchronized void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
        directory.close();
    }
}
