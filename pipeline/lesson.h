#pragma once
// Lesson: lesson.json as typed values (CONTRACTS.md §3), and the checks that go beyond its schema.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/source_text.h"

namespace rbxpipe::pipeline {

/// One step of a lesson.
struct LessonStep {
  std::string id;                    ///< unique within the lesson
  std::string title;                 ///< shown as a heading
  std::string text;                  ///< the step's body text
  std::optional<std::string> image;  ///< an asset input path ("assets/images/lava.png")
};

/// One answer choice.
struct LessonChoice {
  std::string id;    ///< unique within its question
  std::string text;  ///< what the student sees
};

/// One question with its correct choice ids.
struct LessonQuestion {
  std::string id;                     ///< unique within the lesson
  std::string prompt;                 ///< the question text
  std::vector<LessonChoice> choices;  ///< in display order
  std::vector<std::string> answer;    ///< ids of the correct choices (server only)
  int points = 1;                     ///< score for a correct answer
};

/// One quiz.
struct LessonQuiz {
  std::string id;                          ///< unique within the lesson
  std::vector<LessonQuestion> questions;   ///< in order
};

/// The whole lesson.
struct Lesson {
  std::string id;                                                     ///< lesson data id
  std::string title;                                                  ///< lesson title
  std::string subject;                                                ///< e.g. "science"
  std::string grade_band;                                             ///< e.g. "6-8"
  std::vector<std::string> objectives;                                ///< learning objectives
  std::vector<LessonStep> steps;                                      ///< in order
  std::vector<LessonQuiz> quizzes;                                    ///< in order
  std::map<std::string, std::map<std::string, std::string>> translations;  ///< locale -> key -> text
};

/// What lesson checks need to know about the project around the lesson file.
struct LessonContext {
  /// True when an asset input path (as written in a step's "image") exists in the project.
  std::function<bool(const std::string&)> asset_exists;
  /// True when an existing asset input path is taken by one of the project's asset groups.
  std::function<bool(const std::string&)> asset_in_group;
};

/// Reads lesson.json. Reports schema problems (LESSON0001-0004), duplicate ids (LESSON0005), answers naming no
/// choice (LESSON0006), missing images (LESSON0007), images no asset group takes (LESSON0008) and translations
/// missing keys that other locales have (LESSON0009, warning). Returns the lesson unless its syntax is invalid.
std::optional<Lesson> read_lesson(const base::SourceText& source, const LessonContext& context,
                                  std::vector<base::Diagnostic>& diagnostics);

}  // namespace rbxpipe::pipeline
