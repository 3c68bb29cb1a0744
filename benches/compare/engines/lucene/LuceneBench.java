/*
 * Lucene (the copy inside the Anserini fat jar shipped in the pyserini 0.25.0 wheel) on the
 * benchmark corpus, driven in-process as hrlex's driver drives hrlex-index.
 *
 *   java -cp anserini.jar:CLASSES LuceneBench index  DOCS.jsonl INDEX_DIR THREADS
 *   java -cp anserini.jar:CLASSES LuceneBench search INDEX_DIR QUERIES.json ROUNDS THREADS OUT.json
 *
 * Analysis: one text field per language, each with Lucene's analyzer for it (English,
 * French, Spanish, Portuguese, Russian, Arabic: stop words, stemming, French elision,
 * Arabic normalization; Chinese: CJKAnalyzer bigrams; other: StandardAnalyzer); lang,
 * mechanism, doc_type and each State (lowercased) as StringFields, the year as an IntPoint,
 * the id stored. A query is
 * parsed by the classic MultiFieldQueryParser over every language field (AND as default
 * operator, phrases for multi-token words so that Chinese bigrams must be adjacent),
 * filters are FILTER clauses. Indexing uses THREADS threads calling IndexWriter.addDocument
 * (JSON parsed on the reading thread); the index is committed, not force-merged.
 * Search timing follows benches/compare/engines/common.py (warm-up, ROUNDS single-thread
 * rounds, ROUNDS rounds on each of THREADS threads).
 */
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
  static final String[] LANGS = {"en", "fr", "es", "pt", "ru", "ar", "zh", "other"};
  static final ObjectMapper JSON = new ObjectMapper();

  static Analyzer analyzer() {
    Map<String, Analyzer> perField = new HashMap<>();
    perField.put("text_en", new EnglishAnalyzer());
    perField.put("text_fr", new FrenchAnalyzer());
    perField.put("text_es", new SpanishAnalyzer());
    perField.put("text_pt", new PortugueseAnalyzer());
    perField.put("text_ru", new RussianAnalyzer());
    perField.put("text_ar", new ArabicAnalyzer());
    perField.put("text_zh", new CJKAnalyzer());
    return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), perField);
  }

  static Document toDocument(JsonNode node) {
    String lang = node.get("lang").asText();
    boolean known = false;
    for (String candidate : LANGS) known |= candidate.equals(lang);
    if (!known) lang = "other";
    String date = node.hasNonNull("date") ? node.get("date").asText() : "";
    int year = date.length() >= 4 && date.substring(0, 4).chars().allMatch(Character::isDigit)
        ? Integer.parseInt(date.substring(0, 4)) : 0;
    StringBuilder text = new StringBuilder(node.path("title").asText(""));
    for (JsonNode paragraph : node.path("paragraphs")) {
      text.append('\n').append(paragraph.get("text").asText());
    }
    Document document = new Document();
    document.add(new StringField("id", node.get("id").asText(), Field.Store.YES));
    document.add(new StringField("lang", lang, Field.Store.NO));
    document.add(new StringField("mechanism", node.get("mechanism").asText(), Field.Store.NO));
    document.add(new StringField("doc_type", node.get("doc_type").asText(), Field.Store.NO));
    document.add(new IntPoint("year", year));
    for (JsonNode state : node.path("states")) {
      document.add(new StringField("state", state.asText().toLowerCase(java.util.Locale.ROOT), Field.Store.NO));
    }
    document.add(new TextField("text_" + lang, text.toString(), Field.Store.NO));
    return document;
  }

  static void index(String docs, String indexDir, int threads) throws Exception {
    IndexWriterConfig config = new IndexWriterConfig(analyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    config.setRAMBufferSizeMB(256);
    final Document poison = new Document();
    BlockingQueue<Document> queue = new ArrayBlockingQueue<>(1024);
    AtomicLong count = new AtomicLong();
    try (IndexWriter writer = new IndexWriter(FSDirectory.open(Paths.get(indexDir)), config)) {
      List<Thread> workers = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Thread worker = new Thread(() -> {
          try {
            while (true) {
              Document document = queue.take();
              if (document == poison) return;
              writer.addDocument(document);
              count.incrementAndGet();
            }
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
        worker.start();
        workers.add(worker);
      }
      try (BufferedReader reader = Files.newBufferedReader(Paths.get(docs), StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (!line.isBlank()) queue.put(toDocument(JSON.readTree(line)));
        }
      }
      for (int i = 0; i < threads; i++) queue.put(poison);
      for (Thread worker : workers) worker.join();
      writer.commit();
    }
    System.out.println("{\"documents\": " + count.get() + "}");
  }

  /** One thread's searcher: its own query parser (not thread-safe). */
  static final class Runner {
    final IndexSearcher searcher;
    final QueryParser parser;

    Runner(IndexSearcher searcher) {
      this.searcher = searcher;
      String[] fields = new String[LANGS.length];
      for (int i = 0; i < LANGS.length; i++) fields[i] = "text_" + LANGS[i];
      parser = new MultiFieldQueryParser(fields, analyzer());
      parser.setDefaultOperator(QueryParser.Operator.AND);
      parser.setSplitOnWhitespace(true);
      parser.setAutoGeneratePhraseQueries(true);
    }

    TopDocs run(JsonNode query) throws Exception {
      return searcher.search(build(query), 10);
    }

    Query build(JsonNode query) throws Exception {
      Query text = parser.parse(query.get("lucene").asText());
      BooleanQuery.Builder builder = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
      for (JsonNode filter : query.get("filters")) {
        if (filter.get(0).asText().equals("filter")) {
          builder.add(new TermQuery(new Term(filter.get(1).asText(), filter.get(2).asText())), BooleanClause.Occur.FILTER);
        } else {
          builder.add(IntPoint.newRangeQuery("year", filter.get(2).asInt(), filter.get(3).asInt()), BooleanClause.Occur.FILTER);
        }
      }
      return builder.build();
    }
  }

  static void search(String indexDir, String queriesPath, int rounds, int threads, String out) throws Exception {
    List<JsonNode> queries = new ArrayList<>();
    for (String line : Files.readAllLines(Paths.get(queriesPath), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) queries.add(JSON.readTree(line));
    }
    DirectoryReader reader = DirectoryReader.open(FSDirectory.open(Paths.get(indexDir)));
    IndexSearcher searcher = new IndexSearcher(reader);
    Runner runner = new Runner(searcher);
    StoredFields stored = searcher.storedFields();
    ArrayNode results = JSON.createArrayNode();
    for (JsonNode query : queries) {
      TopDocs top = runner.run(query);
      ObjectNode result = results.addObject();
      result.put("n", query.get("n").asInt());
      result.put("kind", query.get("kind").asText());
      result.put("total", searcher.count(runner.build(query)));  // exact, outside the timed rounds
      ArrayNode ids = result.putArray("ids");
      for (ScoreDoc hit : top.scoreDocs) ids.add(stored.document(hit.doc).get("id"));
      result.putArray("latencies");
    }
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < queries.size(); i++) {
        long started = System.nanoTime();
        TopDocs top = runner.run(queries.get(i));
        for (ScoreDoc hit : top.scoreDocs) stored.document(hit.doc).get("id");
        ((ArrayNode) results.get(i).get("latencies")).add((System.nanoTime() - started) / 1e9);
      }
    }
    List<Thread> workers = new ArrayList<>();
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          Runner own = new Runner(searcher);
          StoredFields ownStored = searcher.storedFields();
          for (int round = 0; round < rounds; round++) {
            for (JsonNode query : queries) {
              for (ScoreDoc hit : own.run(query).scoreDocs) ownStored.document(hit.doc).get("id");
            }
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) worker.join();
    double seconds = (System.nanoTime() - started) / 1e9;
    ObjectNode output = JSON.createObjectNode();
    output.put("engine", "lucene");
    output.set("queries", results);
    ObjectNode throughput = output.putObject("throughput");
    throughput.put("threads", threads);
    throughput.put("queries", (long) threads * rounds * queries.size());
    throughput.put("seconds", seconds);
    Files.writeString(Paths.get(out), JSON.writeValueAsString(output));
  }

  public static void main(String[] args) throws Exception {
    if (args.length >= 4 && args[0].equals("index")) {
      index(args[1], args[2], Integer.parseInt(args[3]));
    } else if (args.length >= 6 && args[0].equals("search")) {
      search(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5]);
    } else {
      System.err.println("usage: LuceneBench index DOCS INDEX THREADS | search INDEX QUERIES ROUNDS THREADS OUT");
      System.exit(2);
    }
  }
}
