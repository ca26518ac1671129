// The window's words: the catalogue of core/Catalogue.hpp, which the core's sentences share
// (App installs it). tr("English") gives the word in the window's language.
#pragma once

#include "core/Catalogue.hpp"

namespace demarche::ui {

using Strings = demarche::Catalogue;

}  // namespace demarche::ui
