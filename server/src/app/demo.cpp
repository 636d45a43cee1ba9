#include "app/demo.h"

#include <functional>
#include <vector>

#include "app/demo_documents.h"
#include "app/runtime.h"
#include "store/settings_store.h"
#include "store/user_store.h"

namespace chancery::app {
namespace {

constexpr const char* kDemoPassword = "demo";

const char* const kDelegateNames[20] = {
    "Nguyễn Văn An",    "Trần Thị Bình",   "Lê Văn Cường",   "Phạm Thị Dung",  "Hoàng Văn Em",
    "Vũ Thị Giang",     "Đặng Văn Hải",    "Bùi Thị Hoa",    "Đỗ Văn Khánh",   "Hồ Thị Lan",
    "Ngô Văn Long",     "Dương Thị Mai",   "Lý Văn Nam",     "Phan Thị Oanh",  "Trịnh Văn Phúc",
    "Đinh Thị Quyên",   "Mai Văn Sơn",     "Tạ Thị Thảo",    "Lương Văn Uy",   "Châu Thị Vân"};

std::int64_t unitId(Runtime& rt, const std::string& code, const std::string& name) {
  {
    auto lease = rt.db().acquire();
    if (auto u = store::units::findByCode(*lease, code)) return u->id;
  }
  return rt.services().users.createUnit(nullptr, code, name, std::nullopt).id;
}

void addUser(Runtime& rt, const std::string& username, const std::string& name,
             const std::vector<std::string>& roles, const std::string& position, std::int64_t unit) {
  {
    auto lease = rt.db().acquire();
    if (store::users::findByUsername(*lease, username)) return;
  }
  service::NewUser u{username, name, kDemoPassword, roles, position,
                     username + "@demo.chancery.invalid", unit};
  rt.services().users.create(nullptr, u, /*allowWeakPassword=*/true);
}

std::string demoOrganisation(Runtime& rt) {
  auto office = unitId(rt, "VP", "Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc An");
  auto council = unitId(rt, "HDND", "Hội đồng nhân dân tỉnh Bắc An");
  // The admin created by `init` keeps its own password; demo mode resets it to `demo`.
  {
    auto lease = rt.db().acquire();
    if (auto admin = store::users::findByUsername(*lease, "admin")) {
      store::users::setPassword(*lease, admin->id, service::hashPassword(kDemoPassword, rt.config().passwords));
    }
  }
  addUser(rt, "admin", "Quản trị hệ thống", {"admin"}, "Quản trị viên", office);
  addUser(rt, "vanthu", "Nguyễn Thị Thu", {"clerk"}, "Văn thư", office);
  addUser(rt, "chuyenvien", "Trần Văn Minh", {"specialist"}, "Chuyên viên", office);
  addUser(rt, "lanhdao", "Lê Quang Hùng", {"leader"}, "Chánh Văn phòng", office);
  addUser(rt, "chutoa", "Phạm Văn Dũng", {"chair", "delegate"}, "Chủ tịch HĐND tỉnh", council);
  addUser(rt, "thuky", "Hoàng Thị Lan", {"secretary"}, "Thư ký kỳ họp", office);
  for (int i = 1; i <= 20; ++i)
    addUser(rt, "daibieu" + std::to_string(i), kDelegateNames[i - 1], {"delegate"}, "Đại biểu HĐND tỉnh", council);
  return "2 units, 26 users (password `demo`)";
}

struct DemoPart {
  const char* key;
  std::function<std::string(Runtime&)> load;
};

}  // namespace

bool isDemo(Runtime& rt) {
  auto lease = rt.db().acquire();
  return store::settings::get(*lease, "demo").value_or("") == "1";
}

std::string loadDemo(Runtime& rt) {
  const std::vector<DemoPart> parts = {
      {"demo.organisation", demoOrganisation},
      {"demo.documents", demoDocuments},
  };
  std::string summary;
  for (const auto& part : parts) {
    {
      auto lease = rt.db().acquire();
      if (store::settings::get(*lease, part.key)) {
        summary += std::string(part.key) + ": already loaded\n";
        continue;
      }
    }
    std::string what = part.load(rt);
    rt.db().transact([&](store::Connection& c) {
      store::settings::set(c, part.key, "1");
      store::settings::set(c, "demo", "1");
    });
    summary += std::string(part.key) + ": " + what + "\n";
  }
  return summary;
}

}  // namespace chancery::app
