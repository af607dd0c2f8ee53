// Fuzz-style robustness checks: random token soups, truncations and mutations of valid
// statements, and random bytes must give a Script or an error, never a crash or a hang. Every
// Script that parses must render to text that parses back to the same rendering.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "sql/parser.hpp"

namespace eddy::sql {
namespace {

const std::vector<std::string> kValidStatements = {
    "CREATE STREAM s AS SELECT a, COUNT(*) AS n FROM t WHERE a > 1 AND b IN (1, 2) GROUP BY a "
    "WINDOW TUMBLING(ts, INTERVAL '1' MINUTE) HAVING COUNT(*) > 2 EMIT FINAL WITH ('t.type' = "
    "'file_source', 't.path' = 'x.csv');",
    "CREATE TABLE w (a BIGINT NOT NULL, b DECIMAL(10,2)) AS SELECT o.a, s.b FROM orders o LEFT "
    "JOIN ships AS s ON o.id = s.id WITHIN 5m ORDER BY a DESC LIMIT 10;",
    "SELECT CASE WHEN x BETWEEN 1 AND 2 THEN 'a' ELSE CAST(y AS VARCHAR) END, -z % 3 FROM t "
    "WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k) OR name LIKE 'a%';",
    "SELECT LAG(p, 1) OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY s ORDER BY ts ROWS BETWEEN "
    "5 PRECEDING AND CURRENT ROW EMIT EVERY RECORD EXPIRE AFTER INTERVAL '5' MINUTE "
    "INACTIVITY) AS prev FROM trades;",
    "-- @num_partitions: 4\nCREATE STREAM src (a VARCHAR, b TIMESTAMP) WITH ('type' = 'x');",
    "SELECT PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY v), COUNT(DISTINCT k), "
    "EXTRACT(YEAR FROM ts), CURRENT_TIMESTAMP FROM t WINDOW SLIDING(10m, 2m) UNION ALL SELECT "
    "1, 2, 3, 4;",
    "SELECT * FROM orders WHERE amount > ANY (SELECT threshold FROM r) INTO sink WITH ('k' = "
    "'v');",
    "SHOW STREAMS; START JOB j AS SELECT 1;",
};

const std::vector<std::string> kVocabulary = {
    "SELECT",   "FROM",    "WHERE",
    "GROUP",    "BY",      "WINDOW",
    "TUMBLING", "SLIDING", "SESSION",
    "(",        ")",       ",",
    ";",        "*",       "+",
    "-",        "/",       "%",
    "||",       "=",       "<>",
    "<",        ">=",      "AND",
    "OR",       "NOT",     "IN",
    "IS",       "NULL",    "BETWEEN",
    "LIKE",     "CASE",    "WHEN",
    "THEN",     "ELSE",    "END",
    "CAST",     "AS",      "BIGINT",
    "INTERVAL", "'1'",     "MINUTE",
    "5m",       "42",      "1.5",
    "1e3",      "'str'",   "a",
    "t",        "t.a",     "COUNT",
    "OVER",     "ROWS",    "PARTITION",
    "ORDER",    "EMIT",    "CHANGES",
    "FINAL",    "WITH",    "'k'",
    "CREATE",   "STREAM",  "TABLE",
    "JOIN",     "ON",      "LEFT",
    "WITHIN",   "EXISTS",  "ANY",
    "ALL",      "UNION",   "LIMIT",
    "INTO",     "HAVING",  "DISTINCT",
    "PRIMARY",  "KEY",     "`q`",
    ".",        "EXTRACT", "CURRENT_TIMESTAMP",
    "SHOW",
};

// Parses `text`; on success checks the rendering is a fixed point, on failure that the error is
// a user error with a position. Returns whether it parsed.
bool check(const std::string& text) {
  auto script = parse_sql(text);
  if (!script.is_ok()) {
    const Status& s = script.status();
    EXPECT_TRUE(s.code() == StatusCode::kSyntaxError || s.code() == StatusCode::kNotSupported)
        << s.to_string() << "\n  in: " << text;
    EXPECT_TRUE(s.pos().known()) << s.to_string() << "\n  in: " << text;
    EXPECT_FALSE(s.message().empty());
    return false;
  }
  std::string rendered = to_string(*script);
  auto again = parse_sql(rendered);
  EXPECT_TRUE(again.is_ok()) << again.status().to_string() << "\n  in: " << text
                             << "\n  rendered: " << rendered;
  if (again.is_ok()) {
    EXPECT_EQ(to_string(*again), rendered) << "in: " << text;
  }
  return true;
}

TEST(ParserFuzzTest, ValidStatementsParse) {
  for (const auto& sql : kValidStatements) {
    auto script = parse_sql(sql);
    EXPECT_TRUE(script.is_ok()) << script.status().to_string() << "\n  in: " << sql;
    check(sql);
  }
}

TEST(ParserFuzzTest, EveryTruncation) {
  for (const auto& sql : kValidStatements) {
    for (size_t len = 0; len <= sql.size(); ++len) {
      check(sql.substr(0, len));
      if (HasFailure()) {
        return;
      }
    }
  }
}

TEST(ParserFuzzTest, TokenSoups) {
  std::mt19937 rng(12345);
  int parsed = 0;
  for (int iteration = 0; iteration < 4000; ++iteration) {
    size_t length = 1 + rng() % 30;
    std::string text;
    // Start half of the soups with SELECT so that they get past the first token.
    if (iteration % 2 == 0) {
      text = "SELECT ";
    }
    for (size_t i = 0; i < length; ++i) {
      text += kVocabulary[rng() % kVocabulary.size()] + " ";
    }
    parsed += check(text) ? 1 : 0;
    if (HasFailure()) {
      return;
    }
  }
  // Some soups must parse, or the round-trip check above never ran.
  EXPECT_GT(parsed, 20);
}

TEST(ParserFuzzTest, TokenMutations) {
  std::mt19937 rng(777);
  int parsed = 0;
  for (const auto& sql : kValidStatements) {
    // Split on spaces: close enough to tokens for mutation purposes.
    std::vector<std::string> words;
    size_t start = 0;
    while (start < sql.size()) {
      size_t end = sql.find(' ', start);
      if (end == std::string::npos) {
        end = sql.size();
      }
      words.push_back(sql.substr(start, end - start));
      start = end + 1;
    }
    for (int iteration = 0; iteration < 300; ++iteration) {
      std::vector<std::string> mutated = words;
      size_t at = rng() % mutated.size();
      switch (rng() % 3) {
        case 0:
          mutated.erase(mutated.begin() + static_cast<std::ptrdiff_t>(at));
          break;
        case 1:
          mutated.insert(mutated.begin() + static_cast<std::ptrdiff_t>(at),
                         kVocabulary[rng() % kVocabulary.size()]);
          break;
        default:
          mutated[at] = kVocabulary[rng() % kVocabulary.size()];
          break;
      }
      std::string text;
      for (const auto& w : mutated) {
        text += w + " ";
      }
      parsed += check(text) ? 1 : 0;
      if (HasFailure()) {
        return;
      }
    }
  }
  EXPECT_GT(parsed, 200);
}

TEST(ParserFuzzTest, RandomBytes) {
  std::mt19937 rng(99);
  const std::string alphabet = "abcSELECT FROM()',;.*-/\"`\n\t0123456789e@%|<>=!#\\";
  for (int iteration = 0; iteration < 3000; ++iteration) {
    std::string text;
    size_t length = rng() % 60;
    for (size_t i = 0; i < length; ++i) {
      text +=
          iteration % 3 == 0 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    check(text);
    if (HasFailure()) {
      return;
    }
  }
}

}  // namespace
}  // namespace eddy::sql
