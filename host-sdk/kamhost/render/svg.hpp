// svg.hpp - what kamhost's hand-written SVG charts share (render/pareto.cpp, render/sla.cpp): text
// escaped for XML (after printable(), so no control characters reach a chart) and coordinates
// written with two decimals whatever the locale.
#pragma once

#include <string>

namespace kamhost {

// Text for SVG/XML: control characters as printable() writes them, then & < > " escaped.
std::string xml_escape(const std::string& text);

// A coordinate with two decimals, no locale: 12.345 -> "12.35".
std::string coord(double v);

}  // namespace kamhost
