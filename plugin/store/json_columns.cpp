// json_columns.cpp - the JSON column values of json_columns.hpp, written and read with nlohmann_json.
#include "store/json_columns.hpp"

#include <nlohmann/json.hpp>

namespace kam::store::detail {

std::string json_string_array(const std::vector<std::string>& values) {
  return nlohmann::json(values).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> parse_json_string_array(const std::string& text) {
  std::vector<std::string> out;
  auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return out;
  for (const auto& v : parsed)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string json_object(const std::vector<JsonField>& fields) {
  nlohmann::ordered_json o = nlohmann::ordered_json::object();
  for (const auto& [key, value] : fields)
    std::visit([&o, &k = key](const auto& v) { o[k] = v; }, value);
  return o.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace kam::store::detail
