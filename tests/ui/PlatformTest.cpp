// The platform layer without a display: SFML events made by hand, ImGui's IO read back.
#include <gtest/gtest.h>
#include <imgui.h>

#include <string>

#include "ui/Platform.hpp"

namespace demarche::ui {
namespace {

class PlatformTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    io.Fonts->AddFontDefault();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    InputQueue::setUpKeyMap(io);
  }
  void TearDown() override { ImGui::DestroyContext(); }

  // One frame as the window runs it: queued input applied, then NewFrame .. Render.
  template <class Body>
  void frame(Body body) {
    input.apply(ImGui::GetIO());
    ImGui::NewFrame();
    body();
    ImGui::Render();
  }
  void frame() {
    frame([] {});
  }

  static sf::Event mouseButton(bool down, int x, int y) {
    sf::Event e{};
    e.type = down ? sf::Event::MouseButtonPressed : sf::Event::MouseButtonReleased;
    e.mouseButton.button = sf::Mouse::Left;
    e.mouseButton.x = x;
    e.mouseButton.y = y;
    return e;
  }
  static sf::Event key(bool down, sf::Keyboard::Key code) {
    sf::Event e{};
    e.type = down ? sf::Event::KeyPressed : sf::Event::KeyReleased;
    e.key.code = code;
    return e;
  }
  static sf::Event text(unsigned unicode) {
    sf::Event e{};
    e.type = sf::Event::TextEntered;
    e.text.unicode = unicode;
    return e;
  }

  InputQueue input;
};

TEST_F(PlatformTest, KeysMapToImGuiAndUnknownKeysAreIgnored) {
  const ImGuiIO& io = ImGui::GetIO();
  EXPECT_EQ(io.KeyMap[ImGuiKey_Enter], sf::Keyboard::Enter);
  EXPECT_EQ(io.KeyMap[ImGuiKey_Backspace], sf::Keyboard::Backspace);
  EXPECT_EQ(io.KeyMap[ImGuiKey_V], sf::Keyboard::V);
  EXPECT_EQ(imguiKeyIndex(sf::Keyboard::Tab), static_cast<int>(sf::Keyboard::Tab));
  // A Cyrillic layout's letter keys arrive as Unknown (-1): no key slot, no crash.
  EXPECT_EQ(imguiKeyIndex(sf::Keyboard::Unknown), -1);
  sf::Event cyrillicKey = key(true, sf::Keyboard::Unknown);
  input.push(cyrillicKey);
  frame();
  for (bool down : ImGui::GetIO().KeysDown) EXPECT_FALSE(down);
  input.push(key(true, sf::Keyboard::Enter));
  frame();
  EXPECT_TRUE(ImGui::IsKeyDown(sf::Keyboard::Enter));
}

TEST_F(PlatformTest, AClickShorterThanOneFrameStillClicksAButton) {
  int clicks = 0;
  const auto ui = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(300, 200));
    ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoTitleBar);
    ImGui::SetCursorScreenPos(ImVec2(50, 50));
    if (ImGui::Button("Next turn", ImVec2(120, 40))) ++clicks;
    ImGui::End();
  };
  sf::Event move{};
  move.type = sf::Event::MouseMoved;
  move.mouseMove.x = 100;
  move.mouseMove.y = 70;
  input.push(move);
  frame(ui);
  // Press and release between two frames, as a touch-pad tap or xdotool does.
  input.push(mouseButton(true, 100, 70));
  input.push(mouseButton(false, 100, 70));
  EXPECT_TRUE(input.pending());
  frame(ui);  // the press
  EXPECT_TRUE(input.pending()) << "the release waits for the next frame";
  frame(ui);  // the release: the click
  frame(ui);
  EXPECT_EQ(clicks, 1);
  EXPECT_FALSE(input.pending());
}

TEST_F(PlatformTest, CyrillicTextReachesAnInputFieldAsUtf8) {
  std::string typed;
  char buffer[64] = "";
  const auto ui = [&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(400, 200));
    ImGui::Begin("w", nullptr, ImGuiWindowFlags_NoTitleBar);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputText("##t", buffer, sizeof buffer);
    ImGui::End();
  };
  frame(ui);
  frame(ui);
  for (unsigned c : {0x041Bu, 0x044Cu, 0x0432u, 0x0456u, 0x0432u}) input.push(text(c));  // Львів
  input.push(text(0x2014));                                                              // —
  input.push(text(8));  // a control character (backspace as text) is not typed
  frame(ui);
  frame(ui);
  EXPECT_EQ(std::string(buffer), "Львів—");
}

TEST_F(PlatformTest, LosingFocusReleasesHeldKeysAndButtons) {
  input.push(key(true, sf::Keyboard::LShift));
  input.push(key(true, sf::Keyboard::A));
  input.push(mouseButton(true, 10, 10));
  frame();
  ASSERT_TRUE(ImGui::GetIO().KeysDown[sf::Keyboard::A]);
  ASSERT_TRUE(ImGui::GetIO().MouseDown[0]);
  // Alt-Tab away: the releases go to another window and never arrive here.
  sf::Event lost{};
  lost.type = sf::Event::LostFocus;
  input.push(lost);
  frame();
  EXPECT_FALSE(ImGui::GetIO().KeysDown[sf::Keyboard::A]);
  EXPECT_FALSE(ImGui::GetIO().MouseDown[0]);
  EXPECT_FALSE(ImGui::GetIO().KeyShift);
}

TEST_F(PlatformTest, LeavingTheWindowMovesTheMouseOffEveryWidget) {
  sf::Event move{};
  move.type = sf::Event::MouseMoved;
  move.mouseMove.x = 5;
  move.mouseMove.y = 5;
  input.push(move);
  frame();
  EXPECT_FLOAT_EQ(ImGui::GetIO().MousePos.x, 5);
  sf::Event left{};
  left.type = sf::Event::MouseLeft;
  input.push(left);
  frame();
  EXPECT_FALSE(ImGui::IsMousePosValid());
}

}  // namespace
}  // namespace demarche::ui
