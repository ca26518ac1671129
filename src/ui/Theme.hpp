// The panels' shared look: the flags of a window the layout places, and the text colours.
#pragma once

#include <imgui.h>

namespace demarche::ui {

inline constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                           ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
inline const ImVec4 kAccent(0.36f, 0.62f, 0.95f, 1.0f);
inline const ImVec4 kMuted(0.62f, 0.66f, 0.74f, 1.0f);
inline const ImVec4 kRed(0.95f, 0.42f, 0.40f, 1.0f);
inline const ImVec4 kGreen(0.45f, 0.85f, 0.55f, 1.0f);
inline const ImVec4 kAmber(0.98f, 0.78f, 0.35f, 1.0f);

}  // namespace demarche::ui
