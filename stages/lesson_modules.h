#pragma once
// The text of the instances generated from lesson data (CONTRACTS.md §3): the Data and Answers ModuleScripts, the
// Translations LocalizationTable's Contents, and the runtime's Config module.

#include <functional>
#include <optional>
#include <string>

#include "assets/luau_text.h"
#include "pipeline/project.h"

namespace rbxpipe::stages {

/// Gives the Luau value a step's image (an asset input path) becomes in the Data module.
using ImageResolver = std::function<assets::LuauExpr(const std::string& input)>;

/// Source of `<public>.Data`: the whole lesson except answers, fields in lesson.json order, each step's image
/// replaced by `resolve_image(path)`. `lesson_file` names the input in the header comment.
std::string lesson_data_source(const pipeline::Lesson& lesson, const std::string& lesson_file,
                               const ImageResolver& resolve_image);

/// Source of `<server>.Answers`: `{ [question id] = {choice ids} }` over every quiz, sorted by question id.
std::string lesson_answers_source(const pipeline::Lesson& lesson, const std::string& lesson_file);

/// The text a translation key stands for in the lesson itself, for keys naming lesson text: `title`,
/// `steps.<id>.title`, `steps.<id>.text`, `questions.<id>.prompt`, `questions.<id>.choices.<id>.text`.
std::optional<std::string> lesson_text_for_key(const pipeline::Lesson& lesson, const std::string& key);

/// A LocalizationTable's Contents for the lesson's translations, in the JSON Rojo makes from a CSV table: an array
/// sorted by key of `{"key", "source"?, "values": {locale: text}}`. `source` is the "en" translation of the key
/// when there is one, else the lesson's own text for it, else absent; "en" is never among the values.
std::string localization_contents(const pipeline::Lesson& lesson);

/// Source of the runtime's `Config` module: where the generated instances are, and the lesson's name and version.
std::string runtime_config_source(const pipeline::Project& project);

}  // namespace rbxpipe::stages
