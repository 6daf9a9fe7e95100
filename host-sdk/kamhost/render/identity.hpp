// render/identity.hpp - account identity answers for people (kam/identity.h JSON): duplicate
// clusters for an admin to review, the matches of a name, the result of a merge or an unmerge.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

namespace kamhost {

void render_duplicates(std::ostream& out, const nlohmann::json& answer);
void render_matches(std::ostream& out, const nlohmann::json& answer);
void render_merge(std::ostream& out, const nlohmann::json& answer);
void render_unmerge(std::ostream& out, const nlohmann::json& answer);

}  // namespace kamhost
