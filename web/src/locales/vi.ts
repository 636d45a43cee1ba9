// Vietnamese, the default language. Every key here must also exist in en.ts (the compiler
// checks). Placeholders are written {name} and filled by t('key', { name }).
export const vi = {
  'app.name': 'Chancery',
  'app.tagline': 'Văn bản và phục vụ kỳ họp Hội đồng nhân dân',
  'app.loading': 'Đang tải…',
  'app.skipToContent': 'Bỏ qua, đến nội dung chính',
  'app.offline.title': 'Không kết nối được với máy chủ',
  'app.offline.body': 'Vui lòng kiểm tra kết nối mạng Wi-Fi rồi thử lại.',
  'app.retry': 'Thử lại',

  // Named in the language it switches to (the button carries lang="en").
  'lang.switchTo': 'English',
  'lang.switchLabel': 'Switch to English',

  'nav.label': 'Điều hướng chính',
  'nav.home': 'Trang chủ',

  'login.title': 'Đăng nhập',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.showPassword': 'Hiện mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.submitting': 'Đang đăng nhập…',
  'login.usernameRequired': 'Vui lòng nhập tên đăng nhập.',
  'login.passwordRequired': 'Vui lòng nhập mật khẩu.',
  'login.sessionExpired': 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',

  'user.menu': 'Tài khoản: {name}',
  'user.logout': 'Đăng xuất',
  'user.loggingOut': 'Đang đăng xuất…',

  'home.title': 'Trang chủ',
  'home.greeting': 'Xin chào, {name}',
  'home.account': 'Tài khoản',
  'home.position': 'Chức vụ',
  'home.unit': 'Đơn vị',
  'home.roles': 'Vai trò',
  'home.username': 'Tên đăng nhập',
  'home.noUnit': 'Chưa thuộc đơn vị nào',

  'notFound.title': 'Không tìm thấy trang',
  'notFound.body': 'Địa chỉ này không có trong Chancery.',
  'notFound.home': 'Về trang chủ',

  'role.admin': 'Quản trị hệ thống',
  'role.clerk': 'Văn thư',
  'role.specialist': 'Chuyên viên',
  'role.leader': 'Lãnh đạo',
  'role.delegate': 'Đại biểu',
  'role.chair': 'Chủ tọa',
  'role.secretary': 'Thư ký',

  'error.invalid_credentials': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'error.too_many_attempts': 'Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau {seconds} giây.',
  'error.too_many_attempts_minutes': 'Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.',
  'error.too_many_attempts_later': 'Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
  'error.network': 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng Wi-Fi và thử lại.',
  'error.timeout': 'Máy chủ phản hồi quá lâu. Vui lòng thử lại.',
  'error.forbidden': 'Bạn không có quyền thực hiện thao tác này.',
  'error.unavailable': 'Máy chủ đang bận. Vui lòng thử lại sau giây lát.',
  'error.unknown': 'Đã xảy ra lỗi (mã: {code}). Vui lòng thử lại.',
} as const;

export type MessageKey = keyof typeof vi;
