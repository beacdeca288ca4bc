#pragma once
// Pictures of a graph view (SVG, PNG, PDF), laid out and rendered by
// Graphviz's library (libgvc), not a shelled-out `dot`: scales as rows from
// supranational at the top to firms at the bottom, countries told apart by
// colour, each edge labelled with its element and date, and a legend.

#include "query/results/graph_view.h"

#include <optional>
#include <ostream>
#include <string>

namespace corridor::query::results {

enum class PictureFormat { Svg, Png, Pdf };

std::optional<PictureFormat> pictureFormatFromName(const std::string& name); // svg, png, pdf
std::optional<PictureFormat> pictureFormatFromPath(const std::string& path); // .svg, .png, .pdf

// The DOT text the picture is laid out from (its rows, colours and legend).
std::string pictureDot(const GraphView& view, const std::string& title);

// Lays out and renders; throws Error when Graphviz cannot (no renderer for the format).
void drawPicture(const GraphView& view, PictureFormat format, const std::string& title, std::ostream& out);

} // namespace corridor::query::results
