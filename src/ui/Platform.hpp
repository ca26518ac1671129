// Our SFML 2.5 platform layer for Dear ImGui 1.86 (imgui-sfml needs SFML 3): SFML events in,
// ImGuiIO out. ImGui 1.86 samples MouseDown/KeysDown once per NewFrame, so a press and a
// release inside one frame would vanish (a fast click, a touch-pad tap, a scripted click):
// transitions are queued and at most one per button or key is applied each frame. Needs no
// window, so the tests drive it with hand-made events.
#pragma once

#include <SFML/Window/Event.hpp>
#include <SFML/Window/Keyboard.hpp>
#include <cstdint>
#include <deque>
#include <vector>

struct ImGuiIO;

namespace demarche::ui {

// SFML key code -> index in ImGuiIO::KeysDown; -1 for keys SFML does not know (Cyrillic
// keys arrive with code -1) or outside ImGui's 512 slots.
int imguiKeyIndex(sf::Keyboard::Key key);

class InputQueue {
 public:
  // Fills io.KeyMap; call once after ImGui::CreateContext.
  static void setUpKeyMap(ImGuiIO& io);

  // Takes one SFML event. Returns true when it changes what is on screen (so the loop redraws).
  bool push(const sf::Event& event);

  // Before ImGui::NewFrame: applies at most one queued transition per mouse button and key,
  // the mouse position, wheel and typed text. Returns true while transitions remain queued
  // (the loop must draw another frame soon).
  bool apply(ImGuiIO& io);

  bool pending() const { return !m_mouse.empty() || !m_keys.empty(); }

 private:
  struct MouseTransition {
    int button = 0;
    bool down = false;
  };
  struct KeyTransition {
    int key = 0;
    bool down = false;
  };
  std::deque<MouseTransition> m_mouse;
  std::deque<KeyTransition> m_keys;
  std::vector<unsigned> m_text;
  float m_wheel = 0, m_wheelH = 0;
  float m_mouseX = -3.4e38f, m_mouseY = -3.4e38f;  // -FLT_MAX: not over the window
  bool m_ctrl = false, m_shift = false, m_alt = false, m_super = false;
  bool m_focusLost = false;
};

}  // namespace demarche::ui
