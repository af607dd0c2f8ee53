#include "sql/lexer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace eddy::sql {
namespace {

std::vector<TokenKind> kinds(const LexedText& lexed) {
  std::vector<TokenKind> out;
  for (const Token& t : lexed.tokens) {
    out.push_back(t.kind);
  }
  return out;
}

LexedText lex_ok(std::string_view text) {
  auto lexed = Lexer(text).tokenize();
  EXPECT_TRUE(lexed.is_ok()) << lexed.status().to_string();
  return lexed.is_ok() ? std::move(lexed).value() : LexedText{};
}

Status lex_error(std::string_view text) {
  auto lexed = Lexer(text).tokenize();
  EXPECT_FALSE(lexed.is_ok()) << "expected an error for: " << text;
  return lexed.is_ok() ? Status::ok() : lexed.status();
}

TEST(LexerTest, WordsAndPositions) {
  LexedText lexed = lex_ok("SELECT a,\n  b_2 FROM `my table`");
  ASSERT_EQ(lexed.tokens.size(), 7u);
  EXPECT_EQ(lexed.tokens[0].text, "SELECT");
  EXPECT_EQ(lexed.tokens[0].pos, (SourcePos{1, 1}));
  EXPECT_EQ(lexed.tokens[1].pos, (SourcePos{1, 8}));
  EXPECT_EQ(lexed.tokens[2].kind, TokenKind::kComma);
  EXPECT_EQ(lexed.tokens[3].text, "b_2");
  EXPECT_EQ(lexed.tokens[3].pos, (SourcePos{2, 3}));
  EXPECT_EQ(lexed.tokens[4].pos, (SourcePos{2, 7}));
  EXPECT_EQ(lexed.tokens[5].kind, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(lexed.tokens[5].text, "my table");
  EXPECT_EQ(lexed.tokens[6].kind, TokenKind::kEnd);
  EXPECT_EQ(lexed.tokens[6].pos, (SourcePos{2, 22}));
}

TEST(LexerTest, KeywordsMatchIgnoringCase) {
  LexedText lexed = lex_ok("select SeLeCt `select`");
  EXPECT_TRUE(lexed.tokens[0].is_word("SELECT"));
  EXPECT_TRUE(lexed.tokens[1].is_word("select"));
  EXPECT_FALSE(lexed.tokens[2].is_word("SELECT")) << "a quoted identifier is never a keyword";
}

TEST(LexerTest, Strings) {
  LexedText lexed = lex_ok(R"('it''s' "double" '')");
  ASSERT_EQ(lexed.tokens.size(), 4u);
  EXPECT_EQ(lexed.tokens[0].kind, TokenKind::kString);
  EXPECT_EQ(lexed.tokens[0].text, "it's");
  EXPECT_EQ(lexed.tokens[1].kind, TokenKind::kString);
  EXPECT_EQ(lexed.tokens[1].text, "double");
  EXPECT_EQ(lexed.tokens[2].text, "");
}

TEST(LexerTest, Numbers) {
  LexedText lexed = lex_ok("42 12.5 1e3 2.5E-2 7.");
  EXPECT_THAT(kinds(lexed),
              ::testing::ElementsAre(TokenKind::kInteger, TokenKind::kDecimal, TokenKind::kFloat,
                                     TokenKind::kFloat, TokenKind::kInteger, TokenKind::kDot,
                                     TokenKind::kEnd));
  EXPECT_EQ(lexed.tokens[1].text, "12.5");
  EXPECT_EQ(lexed.tokens[3].text, "2.5E-2");
}

TEST(LexerTest, DurationShorthands) {
  LexedText lexed = lex_ok("5m 500ms 30s 1h 2d 1.5s 1w");
  for (size_t i = 0; i + 1 < lexed.tokens.size(); ++i) {
    EXPECT_EQ(lexed.tokens[i].kind, TokenKind::kDuration) << lexed.tokens[i].text;
  }
  EXPECT_EQ(lexed.tokens.size(), 8u);
  EXPECT_EQ(lexed.tokens[1].text, "500ms");
}

TEST(LexerTest, Operators) {
  LexedText lexed = lex_ok("+ - * / % || = != <> < > <= >= ( ) , . ;");
  EXPECT_THAT(kinds(lexed),
              ::testing::ElementsAre(TokenKind::kPlus, TokenKind::kMinus, TokenKind::kStar,
                                     TokenKind::kSlash, TokenKind::kPercent, TokenKind::kConcat,
                                     TokenKind::kEq, TokenKind::kNe, TokenKind::kNe, TokenKind::kLt,
                                     TokenKind::kGt, TokenKind::kLe, TokenKind::kGe,
                                     TokenKind::kLParen, TokenKind::kRParen, TokenKind::kComma,
                                     TokenKind::kDot, TokenKind::kSemicolon, TokenKind::kEnd));
}

TEST(LexerTest, OperatorsWithoutSpaces) {
  LexedText lexed = lex_ok("a<=b||c<>-1");
  EXPECT_THAT(kinds(lexed),
              ::testing::ElementsAre(TokenKind::kIdentifier, TokenKind::kLe, TokenKind::kIdentifier,
                                     TokenKind::kConcat, TokenKind::kIdentifier, TokenKind::kNe,
                                     TokenKind::kMinus, TokenKind::kInteger, TokenKind::kEnd));
}

TEST(LexerTest, CommentsAreSkipped) {
  LexedText lexed = lex_ok("a -- comment ; b\n/* block\n comment */ c");
  ASSERT_EQ(lexed.tokens.size(), 3u);
  EXPECT_EQ(lexed.tokens[0].text, "a");
  EXPECT_EQ(lexed.tokens[1].text, "c");
  EXPECT_EQ(lexed.tokens[1].pos, (SourcePos{3, 13}));
  EXPECT_TRUE(lexed.annotations.empty());
}

TEST(LexerTest, AnnotationsAreCollected) {
  LexedText lexed = lex_ok("-- @num_partitions: 4\n  --   @name : my job \n-- @flag\n-- plain\nx");
  ASSERT_EQ(lexed.annotations.size(), 3u);
  EXPECT_EQ(lexed.annotations[0].name, "num_partitions");
  EXPECT_EQ(lexed.annotations[0].value, "4");
  EXPECT_EQ(lexed.annotations[0].pos, (SourcePos{1, 4}));
  EXPECT_EQ(lexed.annotations[1].name, "name");
  EXPECT_EQ(lexed.annotations[1].value, "my job");
  EXPECT_EQ(lexed.annotations[1].pos, (SourcePos{2, 8}));
  EXPECT_EQ(lexed.annotations[2].name, "flag");
  EXPECT_EQ(lexed.annotations[2].value, "");
  ASSERT_EQ(lexed.tokens.size(), 2u);
}

TEST(LexerTest, UnterminatedStringIsAnErrorAtItsStart) {
  Status s = lex_error("SELECT 'abc\n FROM t");
  EXPECT_EQ(s.code(), StatusCode::kSyntaxError);
  EXPECT_EQ(s.pos(), (SourcePos{1, 8}));
  EXPECT_THAT(s.message(), ::testing::HasSubstr("unterminated string"));
  EXPECT_EQ(lex_error("\"abc").pos(), (SourcePos{1, 1}));
  EXPECT_THAT(lex_error("`abc").message(), ::testing::HasSubstr("unterminated quoted identifier"));
}

TEST(LexerTest, UnterminatedCommentIsAnError) {
  Status s = lex_error("a\n  /* never closed");
  EXPECT_EQ(s.pos(), (SourcePos{2, 3}));
  EXPECT_THAT(s.message(), ::testing::HasSubstr("unterminated comment"));
}

TEST(LexerTest, StrayCharacterIsAnError) {
  Status s = lex_error("SELECT a # b");
  EXPECT_EQ(s.pos(), (SourcePos{1, 10}));
  EXPECT_THAT(s.message(), ::testing::HasSubstr("'#'"));
  EXPECT_THAT(lex_error("a ! b").message(), ::testing::HasSubstr("'!'"));
  EXPECT_THAT(lex_error("a \x01").message(), ::testing::HasSubstr("\\x01"));
}

TEST(LexerTest, BadNumbersAreErrors) {
  Status s = lex_error("TUMBLING(5x)");
  EXPECT_EQ(s.pos(), (SourcePos{1, 10}));
  EXPECT_THAT(s.message(), ::testing::HasSubstr("'5x'"));
  EXPECT_THAT(lex_error("1us").message(), ::testing::HasSubstr("whole number of milliseconds"));
  EXPECT_THAT(lex_error("1e3s").message(), ::testing::HasSubstr("'1e3s'"));
  EXPECT_THAT(lex_error("10M").message(), ::testing::HasSubstr("'10M'"));
  EXPECT_THAT(lex_error("``").message(), ::testing::HasSubstr("empty quoted identifier"));
}

}  // namespace
}  // namespace eddy::sql
