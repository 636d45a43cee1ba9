#include <iostream>

int main() {
  std::cout << "chancery\n";
  return 0;
}
