#include "ui/Platform.hpp"

#include <imgui.h>

#include <cfloat>

namespace demarche::ui {

int imguiKeyIndex(sf::Keyboard::Key key) {
  const int code = static_cast<int>(key);
  if (code < 0 || code >= static_cast<int>(IM_ARRAYSIZE(ImGuiIO{}.KeysDown))) return -1;
  return code;
}

void InputQueue::setUpKeyMap(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = sf::Keyboard::Tab;
  io.KeyMap[ImGuiKey_LeftArrow] = sf::Keyboard::Left;
  io.KeyMap[ImGuiKey_RightArrow] = sf::Keyboard::Right;
  io.KeyMap[ImGuiKey_UpArrow] = sf::Keyboard::Up;
  io.KeyMap[ImGuiKey_DownArrow] = sf::Keyboard::Down;
  io.KeyMap[ImGuiKey_PageUp] = sf::Keyboard::PageUp;
  io.KeyMap[ImGuiKey_PageDown] = sf::Keyboard::PageDown;
  io.KeyMap[ImGuiKey_Home] = sf::Keyboard::Home;
  io.KeyMap[ImGuiKey_End] = sf::Keyboard::End;
  io.KeyMap[ImGuiKey_Insert] = sf::Keyboard::Insert;
  io.KeyMap[ImGuiKey_Delete] = sf::Keyboard::Delete;
  io.KeyMap[ImGuiKey_Backspace] = sf::Keyboard::Backspace;
  io.KeyMap[ImGuiKey_Space] = sf::Keyboard::Space;
  io.KeyMap[ImGuiKey_Enter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_Escape] = sf::Keyboard::Escape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = sf::Keyboard::Enter;
  io.KeyMap[ImGuiKey_A] = sf::Keyboard::A;
  io.KeyMap[ImGuiKey_C] = sf::Keyboard::C;
  io.KeyMap[ImGuiKey_V] = sf::Keyboard::V;
  io.KeyMap[ImGuiKey_X] = sf::Keyboard::X;
  io.KeyMap[ImGuiKey_Y] = sf::Keyboard::Y;
  io.KeyMap[ImGuiKey_Z] = sf::Keyboard::Z;
}

bool InputQueue::push(const sf::Event& event) {
  switch (event.type) {
    case sf::Event::MouseMoved:
      m_mouseX = static_cast<float>(event.mouseMove.x);
      m_mouseY = static_cast<float>(event.mouseMove.y);
      return true;
    case sf::Event::MouseButtonPressed:
    case sf::Event::MouseButtonReleased: {
      const int button = static_cast<int>(event.mouseButton.button);
      if (button < 0 || button >= 5) return false;
      m_mouseX = static_cast<float>(event.mouseButton.x);
      m_mouseY = static_cast<float>(event.mouseButton.y);
      m_mouse.push_back({button, event.type == sf::Event::MouseButtonPressed});
      return true;
    }
    case sf::Event::MouseWheelScrolled:
      if (event.mouseWheelScroll.wheel == sf::Mouse::HorizontalWheel)
        m_wheelH += event.mouseWheelScroll.delta;
      else
        m_wheel += event.mouseWheelScroll.delta;
      return true;
    case sf::Event::MouseLeft:
      m_mouseX = m_mouseY = -FLT_MAX;
      return true;
    case sf::Event::KeyPressed:
    case sf::Event::KeyReleased: {
      m_ctrl = event.key.control;
      m_shift = event.key.shift;
      m_alt = event.key.alt;
      m_super = event.key.system;
      const int key = imguiKeyIndex(event.key.code);
      if (key >= 0) m_keys.push_back({key, event.type == sf::Event::KeyPressed});
      return true;
    }
    case sf::Event::TextEntered:
      if (event.text.unicode >= 32 && event.text.unicode != 127) {
        m_text.push_back(event.text.unicode);
        return true;
      }
      return false;
    case sf::Event::LostFocus:
      m_focusLost = true;
      return true;
    case sf::Event::GainedFocus:
    case sf::Event::Resized:
      return true;
    default:
      return false;
  }
}

bool InputQueue::apply(ImGuiIO& io) {
  if (m_focusLost) {
    // Keys and buttons held when the window lost focus would stay down for ever.
    m_focusLost = false;
    m_mouse.clear();
    m_keys.clear();
    for (bool& down : io.MouseDown) down = false;
    for (bool& down : io.KeysDown) down = false;
    m_ctrl = m_shift = m_alt = m_super = false;
  }
  io.MousePos = ImVec2(m_mouseX, m_mouseY);
  // One transition per button per frame, in order; a later button's transition may apply in
  // the same frame as an earlier one's.
  bool seen[5] = {false, false, false, false, false};
  for (auto it = m_mouse.begin(); it != m_mouse.end();) {
    if (seen[it->button]) {
      ++it;
      continue;
    }
    seen[it->button] = true;
    io.MouseDown[it->button] = it->down;
    it = m_mouse.erase(it);
  }
  std::vector<bool> keySeen(IM_ARRAYSIZE(io.KeysDown), false);
  for (auto it = m_keys.begin(); it != m_keys.end();) {
    const auto index = static_cast<std::size_t>(it->key);
    if (keySeen[index]) {
      ++it;
      continue;
    }
    keySeen[index] = true;
    io.KeysDown[index] = it->down;
    it = m_keys.erase(it);
  }
  io.KeyCtrl = m_ctrl;
  io.KeyShift = m_shift;
  io.KeyAlt = m_alt;
  io.KeySuper = m_super;
  io.MouseWheel += m_wheel;
  io.MouseWheelH += m_wheelH;
  m_wheel = m_wheelH = 0;
  for (unsigned c : m_text) io.AddInputCharacter(c);
  m_text.clear();
  return pending();
}

}  // namespace demarche::ui
