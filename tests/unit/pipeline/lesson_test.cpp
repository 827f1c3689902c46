#include "pipeline/lesson.h"

#include <gtest/gtest.h>

namespace rbxpipe::pipeline {
namespace {

struct LessonFixture {
  std::vector<base::Diagnostic> diagnostics;
  std::optional<Lesson> lesson;

  // Reads `json` as lesson.json where only "img/ok.png" exists and only "img/" is an asset group.
  explicit LessonFixture(std::string json) {
    base::SourceText source("lesson.json", std::move(json));
    LessonContext context;
    context.asset_exists = [](const std::string& path) { return path.starts_with("img/") || path == "other/x.png"; };
    context.asset_in_group = [](const std::string& path) { return path.starts_with("img/"); };
    lesson = read_lesson(source, context, diagnostics);
  }

  std::vector<std::string> codes() const {
    std::vector<std::string> list;
    for (const auto& d : diagnostics) list.push_back(d.code);
    return list;
  }
};

TEST(Lesson, ReadsEveryField) {
  LessonFixture f(R"({
    "id": "volcano", "title": "Volcanoes", "subject": "science", "grade_band": "K-2",
    "objectives": ["a", "b"],
    "steps": [ { "id": "s1", "title": "T", "text": "x", "image": "img/ok.png" } ],
    "quizzes": [ { "id": "q", "questions": [ { "id": "q1", "prompt": "?", "answer": ["b"], "points": 5,
                   "choices": [ { "id": "a", "text": "A" }, { "id": "b", "text": "B" } ] } ] } ],
    "translations": { "es": { "title": "Volcanes" } }
  })");
  ASSERT_TRUE(f.diagnostics.empty()) << f.diagnostics[0].message;
  ASSERT_TRUE(f.lesson.has_value());
  EXPECT_EQ(f.lesson->grade_band, "K-2");
  EXPECT_EQ(f.lesson->objectives.size(), 2u);
  EXPECT_EQ(f.lesson->steps[0].image.value(), "img/ok.png");
  const auto& question = f.lesson->quizzes[0].questions[0];
  EXPECT_EQ(question.points, 5);
  EXPECT_EQ(question.answer, (std::vector<std::string>{"b"}));
  EXPECT_EQ(question.choices[1].text, "B");
  EXPECT_EQ(f.lesson->translations.at("es").at("title"), "Volcanes");
}

TEST(Lesson, PointsDefaultToOne) {
  LessonFixture f(R"({ "id": "v", "title": "T", "quizzes": [ { "id": "q", "questions": [
    { "id": "q1", "prompt": "?", "answer": ["a"], "choices": [ { "id": "a", "text": "A" }, { "id": "b", "text": "B" } ] } ] } ] })");
  ASSERT_TRUE(f.lesson.has_value());
  EXPECT_EQ(f.lesson->quizzes[0].questions[0].points, 1);
}

TEST(Lesson, QuestionIdsMustBeUniqueAcrossQuizzes) {
  LessonFixture f(R"({ "id": "v", "title": "T", "quizzes": [
    { "id": "q", "questions": [ { "id": "same", "prompt": "?", "answer": ["a"], "choices": [ { "id": "a", "text": "A" }, { "id": "b", "text": "B" } ] } ] },
    { "id": "r", "questions": [ { "id": "same", "prompt": "?", "answer": ["a"], "choices": [ { "id": "a", "text": "A" }, { "id": "b", "text": "B" } ] } ] } ] })");
  ASSERT_EQ(f.codes(), (std::vector<std::string>{"LESSON0005"}));
  EXPECT_EQ(f.diagnostics[0].message, "duplicate question id 'same' (first used at line 2)");
  EXPECT_EQ(f.diagnostics[0].location.line, 3);
}

TEST(Lesson, AnswerMustNameAChoice) {
  LessonFixture f(R"({ "id": "v", "title": "T", "quizzes": [ { "id": "q", "questions": [
    { "id": "q1", "prompt": "?", "answer": ["z"], "choices": [ { "id": "a", "text": "A" }, { "id": "b", "text": "B" } ] } ] } ] })");
  ASSERT_EQ(f.codes(), (std::vector<std::string>{"LESSON0006"}));
  EXPECT_EQ(f.diagnostics[0].message, "answer 'z' of question 'q1' is not one of its choices: a, b");
}

TEST(Lesson, ImagesMustExistAndBelongToAnAssetGroup) {
  LessonFixture f(R"({ "id": "v", "title": "T", "steps": [
    { "id": "a", "title": "T", "text": "x", "image": "img/ok.png" },
    { "id": "b", "title": "T", "text": "x", "image": "gone.png" },
    { "id": "c", "title": "T", "text": "x", "image": "other/x.png" } ] })");
  EXPECT_EQ(f.codes(), (std::vector<std::string>{"LESSON0007", "LESSON0008"}));
}

TEST(Lesson, MissingTranslationKeyIsAWarningAtTheLocale) {
  LessonFixture f("{ \"id\": \"v\", \"title\": \"T\", \"translations\": {\n \"es\": { \"a\": \"1\", \"b\": \"2\" },\n \"fr\": { \"a\": \"1\" } } }");
  ASSERT_EQ(f.codes(), (std::vector<std::string>{"LESSON0009"}));
  EXPECT_EQ(f.diagnostics[0].severity, base::Severity::warning);
  EXPECT_EQ(f.diagnostics[0].location, (base::SourceLocation{3, 2}));
}

TEST(Lesson, WrongRootTypeIsReportedWithoutCrashing) {
  LessonFixture f("[1, 2, 3]");
  ASSERT_FALSE(f.diagnostics.empty());
  EXPECT_EQ(f.diagnostics[0].code, "LESSON0002");
}

TEST(Lesson, InvalidSyntaxGivesNoLesson) {
  LessonFixture f("{ \"id\": ");
  EXPECT_FALSE(f.lesson.has_value());
  EXPECT_EQ(f.codes(), (std::vector<std::string>{"JSON0001"}));
}

}  // namespace
}  // namespace rbxpipe::pipeline
