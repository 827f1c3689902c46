#include "pipeline/lesson.h"

#include <set>

#include "pipeline/json_input.h"

namespace rbxpipe::pipeline {

namespace {

using nlohmann::ordered_json;

// Ids must be unique within a scope; the first occurrence wins and later ones are reported where they stand.
class IdScope {
 public:
  IdScope(const base::JsoncDocument& document, std::string what, std::vector<base::Diagnostic>& diagnostics)
      : m_document(document), m_what(std::move(what)), m_diagnostics(diagnostics) {}

  void add(const std::string& id, const std::string& pointer) {
    if (id.empty()) return;
    auto [it, inserted] = m_first.emplace(id, pointer);
    if (inserted) return;
    auto first = m_document.locate(it->second);
    m_diagnostics.push_back(m_document.diagnose(
        base::Severity::error, "LESSON0005",
        "duplicate " + m_what + " id '" + id + "' (first used at line " + std::to_string(first.line) + ")", pointer));
  }

 private:
  const base::JsoncDocument& m_document;
  std::string m_what;
  std::vector<base::Diagnostic>& m_diagnostics;
  std::map<std::string, std::string> m_first;
};

std::vector<std::string> string_list(const ordered_json& value) {
  std::vector<std::string> items;
  if (!value.is_array()) return items;
  for (const auto& item : value) {
    if (item.is_string()) items.push_back(item.get<std::string>());
  }
  return items;
}

std::string join_ids(const std::vector<LessonChoice>& choices) {
  std::string text;
  std::set<std::string> seen;
  for (const auto& choice : choices) {
    if (seen.insert(choice.id).second) text += (text.empty() ? "" : ", ") + choice.id;
  }
  return text;
}

void read_steps(const ordered_json& json, const JsonInput& input, const LessonContext& context, Lesson& lesson,
                std::vector<base::Diagnostic>& diagnostics) {
  IdScope ids(input.document, "step", diagnostics);
  if (!json.contains("steps") || !json["steps"].is_array()) return;
  for (std::size_t i = 0; i < json["steps"].size(); ++i) {
    const auto& item = json["steps"][i];
    std::string pointer = "/steps/" + std::to_string(i);
    LessonStep step{json_get<std::string>(item, "id", ""), json_get<std::string>(item, "title", ""),
                    json_get<std::string>(item, "text", ""), json_optional_string(item, "image")};
    ids.add(step.id, pointer + "/id");
    if (step.image) {
      std::string image_pointer = pointer + "/image";
      if (context.asset_exists && !context.asset_exists(*step.image)) {
        diagnostics.push_back(input.document.diagnose(base::Severity::error, "LESSON0007",
                                                      "step '" + step.id + "' shows image '" + *step.image +
                                                          "', which does not exist",
                                                      image_pointer));
      } else if (context.asset_in_group && !context.asset_in_group(*step.image)) {
        auto diagnostic = input.document.diagnose(
            base::Severity::error, "LESSON0008",
            "step '" + step.id + "' shows image '" + *step.image + "', which no asset group in rbxpipe.json takes",
            image_pointer);
        diagnostic.help = "add a glob that matches it under \"assets\" so it is uploaded";
        diagnostics.push_back(std::move(diagnostic));
      }
    }
    lesson.steps.push_back(std::move(step));
  }
}

LessonQuestion read_question(const ordered_json& item, const std::string& pointer, const JsonInput& input,
                             std::vector<base::Diagnostic>& diagnostics) {
  LessonQuestion question;
  if (!item.is_object()) return question;
  question.id = json_get<std::string>(item, "id", "");
  question.prompt = json_get<std::string>(item, "prompt", "");
  question.points = json_get<int>(item, "points", 1);
  IdScope choice_ids(input.document, "choice", diagnostics);
  if (item.contains("choices") && item["choices"].is_array()) {
    for (std::size_t c = 0; c < item["choices"].size(); ++c) {
      const auto& choice = item["choices"][c];
      LessonChoice parsed{json_get<std::string>(choice, "id", ""), json_get<std::string>(choice, "text", "")};
      choice_ids.add(parsed.id, pointer + "/choices/" + std::to_string(c) + "/id");
      question.choices.push_back(std::move(parsed));
    }
  }
  question.answer = string_list(item.value("answer", ordered_json()));
  for (std::size_t a = 0; a < question.answer.size(); ++a) {
    const auto& answer = question.answer[a];
    bool known = std::any_of(question.choices.begin(), question.choices.end(),
                             [&](const LessonChoice& choice) { return choice.id == answer; });
    if (!known && !question.choices.empty()) {
      diagnostics.push_back(input.document.diagnose(
          base::Severity::error, "LESSON0006",
          "answer '" + answer + "' of question '" + question.id + "' is not one of its choices: " +
              join_ids(question.choices),
          pointer + "/answer/" + std::to_string(a)));
    }
  }
  return question;
}

void read_quizzes(const ordered_json& json, const JsonInput& input, Lesson& lesson,
                  std::vector<base::Diagnostic>& diagnostics) {
  IdScope quiz_ids(input.document, "quiz", diagnostics);
  IdScope question_ids(input.document, "question", diagnostics);
  if (!json.contains("quizzes") || !json["quizzes"].is_array()) return;
  for (std::size_t q = 0; q < json["quizzes"].size(); ++q) {
    const auto& item = json["quizzes"][q];
    std::string pointer = "/quizzes/" + std::to_string(q);
    LessonQuiz quiz{json_get<std::string>(item, "id", ""), {}};
    quiz_ids.add(quiz.id, pointer + "/id");
    if (item.contains("questions") && item["questions"].is_array()) {
      for (std::size_t i = 0; i < item["questions"].size(); ++i) {
        std::string question_pointer = pointer + "/questions/" + std::to_string(i);
        auto question = read_question(item["questions"][i], question_pointer, input, diagnostics);
        question_ids.add(question.id, question_pointer + "/id");
        quiz.questions.push_back(std::move(question));
      }
    }
    lesson.quizzes.push_back(std::move(quiz));
  }
}

// A locale that lacks a key the others translate shows the untranslated fallback to students: worth a warning.
void read_translations(const ordered_json& json, const JsonInput& input, Lesson& lesson,
                       std::vector<base::Diagnostic>& diagnostics) {
  if (!json.contains("translations") || !json["translations"].is_object()) return;
  std::set<std::string> all_keys;
  for (const auto& [locale, entries] : json["translations"].items()) {
    if (!entries.is_object()) continue;
    for (const auto& [key, text] : entries.items()) {
      if (!text.is_string()) continue;
      lesson.translations[locale][key] = text.get<std::string>();
      all_keys.insert(key);
    }
  }
  for (const auto& [locale, entries] : json["translations"].items()) {
    if (!entries.is_object()) continue;
    for (const auto& key : all_keys) {
      if (entries.contains(key)) continue;
      diagnostics.push_back(input.document.diagnose(
          base::Severity::warning, "LESSON0009",
          "translation '" + locale + "' has no text for '" + key + "', which other locales translate",
          "/translations/" + base::json_pointer_escape(locale), true));
    }
  }
}

}  // namespace

std::optional<Lesson> read_lesson(const base::SourceText& source, const LessonContext& context,
                                  std::vector<base::Diagnostic>& diagnostics) {
  JsonInput input = read_json_input(source, "schemas/lesson.schema.json", "LESSON", diagnostics);
  if (!input.value) return std::nullopt;
  const ordered_json& json = *input.value;
  Lesson lesson;
  if (!json.is_object()) return lesson;
  lesson.id = json_get<std::string>(json, "id", "");
  lesson.title = json_get<std::string>(json, "title", "");
  lesson.subject = json_get<std::string>(json, "subject", "");
  lesson.grade_band = json_get<std::string>(json, "grade_band", "");
  lesson.objectives = string_list(json.value("objectives", ordered_json()));
  read_steps(json, input, context, lesson, diagnostics);
  read_quizzes(json, input, lesson, diagnostics);
  read_translations(json, input, lesson, diagnostics);
  return lesson;
}

}  // namespace rbxpipe::pipeline
