"""Realistic pages in every language for the search relevance tests (data only)."""

PAGES = [
    # key: unique ascii id; lang: one of the ten codes; title; intro; body
    # ---------------------------------------------------------------- zh-hans
    {
        "key": "zh-lecture-reading-life",
        "lang": "zh-hans",
        "title": "八桂讲坛：阅读与人生",
        "intro": "广西图书馆邀请知名作家做客八桂讲坛，分享一本好书如何改变一个人的成长道路。",
        "body": (
            "讲座从作家少年时代在县城图书馆借书的经历讲起，谈到经典文学作品对人生选择的深远影响。"
            "现场读者踊跃提问，交流气氛热烈。讲座结束后，主办方向每位听众赠送了一份推荐书目。"
        ),
    },
    {
        "key": "zh-exhibition-ancient-books",
        "lang": "zh-hans",
        "title": "广图展览：广西古籍保护成果展",
        "intro": "展览集中展示广西图书馆近年来修复的珍贵古籍和地方文献。",
        "body": (
            "展品包括明清刻本、手抄族谱和壮族民间歌本，记录了八桂大地的历史变迁。"
            "每件展品旁都附有修复前后的对比照片，观众还可以在互动区体验传统雕版印刷。"
            "展览为期一个月，免费向公众开放。"
        ),
    },
    {
        "key": "zh-storytime-tadpole",
        "lang": "zh-hans",
        "title": "阅·悦互动故事会：小蝌蚪找妈妈",
        "intro": "本期故事会面向三至六岁儿童，志愿者老师将带领小朋友一起读绘本、做手工。",
        "body": (
            "活动在少儿借阅区举行，请家长陪同孩子提前十分钟签到。每场限二十组家庭参加，额满即止。"
        ),
    },
    {
        "key": "zh-film-old-beijing",
        "lang": "zh-hans",
        "title": "光影榭：经典电影《城南旧事》放映",
        "intro": "光影榭每周六下午在报告厅免费放映经典影片，欢迎市民入场观看。",
        "body": (
            "本周放映的《城南旧事》改编自林海音的同名小说，讲述了老北京城南一个小女孩的童年往事。"
            "放映结束后，馆员将与观众交流原著与电影的异同。"
            "影片时长约九十分钟，座位有限，先到先得。"
        ),
    },
    {
        "key": "zh-world-book-day",
        "lang": "zh-hans",
        "title": "世界读书日：全民阅读嘉年华",
        "intro": "4·23世界读书日当天，广西阅读推广联盟联合全区一百多家公共图书馆举办系列阅读活动。",
        "body": (
            "南宁、柳州、桂林、梧州、北海等城市图书馆同步开展好书交换、亲子共读等活动，"
            "并举办以“阅读与人生”为题的八桂讲坛特别场。"
            "凡当天借书满三本的读者均可获赠纪念书签，一起感受阅读带来的乐趣。"
        ),
    },
    {
        "key": "zh-volunteer-guides",
        "lang": "zh-hans",
        "title": "志愿者招募：图书馆文明引导员",
        "intro": "广西图书馆面向社会招募周末志愿者，协助读者借还图书、引导参观。",
        "body": (
            "志愿者需年满十八周岁，每月至少服务八小时。"
            "上岗前须参加统一培训，内容包括馆藏分布、读者服务礼仪和消防安全知识。"
            "表现优秀的志愿者将获得年度服务证书。"
        ),
    },
    # ---------------------------------------------------------------- en
    {
        "key": "en-lecture-reading-life",
        "lang": "en",
        "title": "Bagui Forum: Reading and Life",
        "intro": (
            "A well-known novelist joins the Bagui Forum at Guangxi Library to talk about how a "
            "single good book can change the course of a life."
        ),
        "body": (
            "She begins with her childhood visits to a small county library and moves on to the "
            "classic novels that shaped her choices. The audience asked many questions and the "
            "discussion ran well past the scheduled hour. At the end of the talk, every listener "
            "received a recommended reading list."
        ),
    },
    {
        "key": "en-autumn-lectures",
        "lang": "en",
        "title": "Autumn Lectures on Guangxi History",
        "intro": (
            "Four Saturday lectures trace the history of Guangxi from the ancient Lingqu Canal to "
            "the modern port of Beihai."
        ),
        "body": (
            "Historians from universities across the region will speak on the second floor of "
            "Guangxi Library. Admission is free, but please register online in advance. "
            "Recordings of past lectures are available in our digital collection."
        ),
    },
    {
        "key": "en-storytime",
        "lang": "en",
        "title": "Interactive Story Time for Children",
        "intro": (
            "Every Sunday morning, volunteer storytellers invite children aged three to six to "
            "read picture books and make simple crafts."
        ),
        "body": (
            "Sessions take place in the children's corner on the ground floor. Please arrive ten "
            "minutes early with a parent or guardian to sign in. Each session is limited to "
            "twenty families."
        ),
    },
    {
        "key": "en-film-old-beijing",
        "lang": "en",
        "title": "Guangyingxie Film Night: My Memories of Old Beijing",
        "intro": (
            "Every Saturday afternoon the Guangyingxie film club screens a classic film in the "
            "auditorium, free of charge."
        ),
        "body": (
            "This week's film is adapted from Lin Haiyin's novel and follows a young girl growing "
            "up in Beijing in the 1920s. After the screening, a librarian will lead a discussion "
            "comparing the book and the film. The film runs about ninety minutes, and seats are "
            "first come, first served."
        ),
    },
    {
        "key": "en-world-book-day",
        "lang": "en",
        "title": "World Book Day: Reading Festival Across Guangxi",
        "intro": (
            "On 23 April the Guangxi Reading Promotion Alliance and more than one hundred public "
            "libraries celebrate World Book Day together."
        ),
        "body": (
            "Libraries in Nanning, Liuzhou, Guilin, Wuzhou and Beihai will host book swaps, family "
            "reading sessions and a special Bagui Forum on reading and life. Readers who borrow "
            "three books that day will receive a commemorative bookmark."
        ),
    },
    {
        "key": "en-volunteer-guides",
        "lang": "en",
        "title": "Volunteers Wanted: Weekend Library Guides",
        "intro": (
            "Guangxi Library is recruiting weekend volunteers to help readers borrow and return "
            "books and to guide visitors around the building."
        ),
        "body": (
            "Volunteers must be at least eighteen and able to serve eight hours a month. All new "
            "volunteers attend a training session on the collection layout, reader services and "
            "fire safety. Outstanding volunteers receive an annual certificate of service."
        ),
    },
    # ---------------------------------------------------------------- vi
    {
        "key": "vi-lecture-reading-life",
        "lang": "vi",
        "title": "Diễn đàn Bát Quế: Đọc sách và cuộc đời",
        "intro": (
            "Thư viện Quảng Tây mời một nhà văn nổi tiếng đến chia sẻ về việc một cuốn sách hay "
            "có thể thay đổi con đường trưởng thành của mỗi người."
        ),
        "body": (
            "Buổi nói chuyện bắt đầu từ những lần nhà văn mượn sách ở thư viện huyện khi còn nhỏ, "
            "rồi đến ảnh hưởng của văn học kinh điển đối với những lựa chọn trong cuộc đời. "
            "Khán giả đặt nhiều câu hỏi sôi nổi. Cuối buổi, ban tổ chức tặng mỗi người tham dự "
            "một danh mục sách nên đọc."
        ),
    },
    {
        "key": "vi-exhibition-ancient-books",
        "lang": "vi",
        "title": "Triển lãm sách cổ và tư liệu địa phương Quảng Tây",
        "intro": (
            "Triển lãm giới thiệu những cuốn sách cổ quý hiếm mà Thư viện Quảng Tây đã phục chế "
            "trong những năm gần đây."
        ),
        "body": (
            "Các tư liệu này ghi lại lịch sử và văn hóa của vùng đất Quảng Tây qua nhiều thế kỷ. "
            "Khách tham quan có thể so sánh ảnh chụp trước và sau khi phục chế. "
            "Triển lãm mở cửa miễn phí trong một tháng."
        ),
    },
    {
        "key": "vi-storytime",
        "lang": "vi",
        "title": "Giờ kể chuyện tương tác cho thiếu nhi",
        "intro": (
            "Mỗi sáng Chủ nhật, các tình nguyện viên cùng các em nhỏ từ ba đến sáu tuổi đọc sách "
            "tranh và làm đồ thủ công."
        ),
        "body": (
            "Hoạt động diễn ra tại góc sách thiếu nhi ở tầng một. Phụ huynh vui lòng đưa trẻ đến "
            "sớm mười phút để đăng ký. Mỗi buổi chỉ nhận tối đa hai mươi gia đình."
        ),
    },
    {
        "key": "vi-film-old-beijing",
        "lang": "vi",
        "title": "Đêm phim Quang Ảnh Tạ: Chiếu phim kinh điển miễn phí",
        "intro": (
            "Vào mỗi chiều cuối tuần, câu lạc bộ điện ảnh Quang Ảnh Tạ chiếu miễn phí một bộ phim "
            "kinh điển tại hội trường."
        ),
        "body": (
            "Bộ phim tuần này được chuyển thể từ tiểu thuyết của nhà văn Lâm Hải Âm, kể về tuổi "
            "thơ của một cô bé ở Bắc Kinh. Sau buổi chiếu sẽ có phần giao lưu so sánh nguyên tác "
            "với bộ phim. Phim dài khoảng chín mươi phút, số chỗ ngồi có hạn."
        ),
    },
    {
        "key": "vi-world-book-day",
        "lang": "vi",
        "title": "Ngày Sách Thế giới: Lễ hội đọc sách khắp Quảng Tây",
        "intro": (
            "Nhân Ngày Sách Thế giới 23/4, Liên minh Thúc đẩy Đọc sách Quảng Tây cùng hơn một trăm "
            "thư viện công cộng tổ chức chuỗi hoạt động hưởng ứng."
        ),
        "body": (
            "Các thư viện ở Nam Ninh, Liễu Châu, Quế Lâm, Ngô Châu và Bắc Hải đồng loạt tổ chức "
            "đổi sách, đọc sách cùng gia đình và buổi Diễn đàn Bát Quế đặc biệt với chủ đề đọc "
            "sách và cuộc đời. Bạn đọc mượn đủ ba cuốn sách trong ngày sẽ được tặng một chiếc kẹp "
            "sách lưu niệm."
        ),
    },
    {
        "key": "vi-volunteer-guides",
        "lang": "vi",
        "title": "Tuyển tình nguyện viên hướng dẫn cuối tuần",
        "intro": (
            "Thư viện Quảng Tây tuyển tình nguyện viên cuối tuần để hỗ trợ bạn đọc mượn, trả sách "
            "và hướng dẫn khách tham quan."
        ),
        "body": (
            "Tình nguyện viên cần từ mười tám tuổi trở lên và phục vụ ít nhất tám giờ mỗi tháng. "
            "Trước khi nhận nhiệm vụ, mọi người sẽ tham gia khóa tập huấn về bố trí kho sách, "
            "kỹ năng phục vụ bạn đọc và an toàn phòng cháy. Tình nguyện viên xuất sắc sẽ nhận "
            "giấy chứng nhận hằng năm."
        ),
    },
    # ---------------------------------------------------------------- th
    {
        "key": "th-lecture-reading-life",
        "lang": "th",
        "title": "เวทีบรรยายปากุ้ยเรื่องการอ่านกับชีวิต",
        "intro": (
            "ห้องสมุดกว่างซีเชิญนักเขียนชื่อดังมาเล่าว่าหนังสือดีเพียงเล่มเดียวเปลี่ยนเส้นทางชีวิตของคนคนหนึ่งได้อย่างไร"
        ),
        "body": (
            "ผู้บรรยายเริ่มจากประสบการณ์การยืมหนังสือในห้องสมุดประจำอำเภอตั้งแต่วัยเด็ก "
            "แล้วเล่าถึงวรรณกรรมคลาสสิกที่มีอิทธิพลต่อการตัดสินใจในชีวิต "
            "ผู้ฟังร่วมถามคำถามอย่างคึกคัก "
            "หลังจบการบรรยายผู้จัดงานมอบรายชื่อหนังสือแนะนำให้ผู้ฟังทุกคน"
        ),
    },
    {
        "key": "th-exhibition-ancient-books",
        "lang": "th",
        "title": "นิทรรศการหนังสือโบราณและเอกสารท้องถิ่นกว่างซี",
        "intro": "นิทรรศการครั้งนี้จัดแสดงหนังสือโบราณหายากที่ห้องสมุดกว่างซีบูรณะในช่วงหลายปีที่ผ่านมา",
        "body": (
            "เอกสารเหล่านี้บันทึกประวัติศาสตร์และวัฒนธรรมของกว่างซีมาหลายร้อยปี "
            "ผู้ชมสามารถเปรียบเทียบภาพถ่ายก่อนและหลังการบูรณะของเอกสารแต่ละชิ้น "
            "นิทรรศการเปิดให้เข้าชมฟรีเป็นเวลาหนึ่งเดือน"
        ),
    },
    {
        "key": "th-storytime",
        "lang": "th",
        "title": "กิจกรรมเล่านิทานสำหรับเด็กทุกวันอาทิตย์",
        "intro": "อาสาสมัครจะพาเด็กอายุสามถึงหกขวบอ่านหนังสือภาพและทำงานประดิษฐ์ง่ายๆ ด้วยกัน",
        "body": (
            "กิจกรรมจัดขึ้นที่มุมหนังสือเด็กชั้นหนึ่ง "
            "ผู้ปกครองกรุณาพาบุตรหลานมาลงทะเบียนก่อนเวลาสิบนาที "
            "แต่ละรอบรับได้ไม่เกินยี่สิบครอบครัว"
        ),
    },
    {
        "key": "th-film-old-beijing",
        "lang": "th",
        "title": "ฉายภาพยนตร์คลาสสิกฟรีทุกบ่ายวันเสาร์",
        "intro": "ชมรมภาพยนตร์ของเราฉายหนังคลาสสิกในห้องประชุมใหญ่โดยไม่เสียค่าใช้จ่าย",
        "body": (
            "ภาพยนตร์สัปดาห์นี้ดัดแปลงจากนวนิยายของนักเขียนหญิงชาวจีน "
            "เล่าเรื่องวัยเยาว์ของเด็กหญิงคนหนึ่งในปักกิ่ง "
            "หลังฉายจบจะมีการพูดคุยเปรียบเทียบระหว่างต้นฉบับกับภาพยนตร์ "
            "ภาพยนตร์มีความยาวประมาณเก้าสิบนาที"
        ),
    },
    {
        "key": "th-world-book-day",
        "lang": "th",
        "title": "วันหนังสือโลก: เทศกาลการอ่านทั่วกว่างซี",
        "intro": (
            "เครือข่ายส่งเสริมการอ่านกว่างซีร่วมกับห้องสมุดประชาชนกว่าหนึ่งร้อยแห่ง"
            "จัดกิจกรรมฉลองวันหนังสือโลกในวันที่ 23 เมษายน"
        ),
        "body": (
            "ห้องสมุดทั่วกว่างซีจัดกิจกรรมแลกเปลี่ยนหนังสือและการอ่านร่วมกันในครอบครัว "
            "รวมถึงเวทีบรรยายปากุ้ยเรื่องการอ่านกับชีวิตรอบพิเศษ "
            "ผู้ที่ยืมหนังสือครบสามเล่มในวันนั้นจะได้รับที่คั่นหนังสือเป็นที่ระลึก"
        ),
    },
    {
        "key": "th-volunteer-guides",
        "lang": "th",
        "title": "ห้องสมุดกว่างซีรับสมัครอาสาสมัครช่วงวันหยุด",
        "intro": "อาสาสมัครจะช่วยผู้อ่านยืมและคืนหนังสือ รวมทั้งนำผู้มาเยือนเยี่ยมชมห้องสมุด",
        "body": (
            "ผู้สมัครต้องมีอายุสิบแปดปีขึ้นไปและให้บริการอย่างน้อยเดือนละแปดชั่วโมง "
            "อาสาสมัครใหม่ทุกคนต้องเข้ารับการอบรมเรื่องการจัดวางหนังสือ การบริการผู้อ่าน "
            "และความปลอดภัยจากอัคคีภัย อาสาสมัครดีเด่นจะได้รับเกียรติบัตรประจำปี"
        ),
    },
    # ---------------------------------------------------------------- id
    {
        "key": "id-lecture-reading-life",
        "lang": "id",
        "title": "Forum Bagui: Membaca dan Kehidupan",
        "intro": (
            "Perpustakaan Guangxi mengundang seorang penulis ternama untuk berbagi tentang "
            "bagaimana satu buku yang baik dapat mengubah jalan hidup seseorang."
        ),
        "body": (
            "Ceramah diawali dengan pengalaman sang penulis meminjam buku di perpustakaan "
            "kabupaten semasa kecil, lalu membahas karya sastra klasik yang memengaruhi pilihan "
            "hidupnya. Para hadirin mengajukan banyak pertanyaan. Di akhir acara, panitia "
            "membagikan daftar bacaan yang direkomendasikan."
        ),
    },
    {
        "key": "id-exhibition-ancient-books",
        "lang": "id",
        "title": "Pameran Naskah Kuno Guangxi",
        "intro": (
            "Pameran ini menampilkan naskah kuno langka yang telah dipugar oleh Perpustakaan "
            "Guangxi dalam beberapa tahun terakhir."
        ),
        "body": (
            "Naskah-naskah tersebut mencatat sejarah dan budaya Guangxi selama ratusan tahun. "
            "Pengunjung dapat membandingkan foto sebelum dan sesudah pemugaran. Pameran dibuka "
            "untuk umum secara gratis selama satu bulan."
        ),
    },
    {
        "key": "id-storytime",
        "lang": "id",
        "title": "Sesi Dongeng Interaktif untuk Anak-Anak",
        "intro": (
            "Setiap Minggu pagi, para relawan mengajak anak-anak berusia tiga hingga enam tahun "
            "membaca buku bergambar dan membuat kerajinan tangan."
        ),
        "body": (
            "Kegiatan berlangsung di pojok baca anak di lantai satu. Orang tua diharapkan datang "
            "sepuluh menit lebih awal untuk mendaftar. Setiap sesi dibatasi dua puluh keluarga."
        ),
    },
    {
        "key": "id-film-old-beijing",
        "lang": "id",
        "title": "Malam Film Klasik Guangyingxie",
        "intro": "Setiap Sabtu sore, klub film kami memutar film klasik secara gratis di aula utama.",
        "body": (
            "Film pekan ini diadaptasi dari novel karya Lin Haiyin dan mengisahkan masa kecil "
            "seorang gadis di Beijing. Setelah pemutaran, akan ada diskusi tentang perbedaan "
            "antara novel dan filmnya."
        ),
    },
    {
        "key": "id-world-book-day",
        "lang": "id",
        "title": "Hari Buku Sedunia: Festival Membaca di Seluruh Guangxi",
        "intro": (
            "Pada 23 April, Aliansi Promosi Membaca Guangxi bersama lebih dari seratus "
            "perpustakaan umum merayakan Hari Buku Sedunia."
        ),
        "body": (
            "Perpustakaan di Nanning, Liuzhou, Guilin, Wuzhou, dan Beihai mengadakan tukar buku, "
            "membaca bersama keluarga, serta Forum Bagui edisi khusus tentang membaca dan "
            "kehidupan. Pengunjung yang meminjam tiga buku pada hari itu akan mendapatkan "
            "pembatas buku sebagai kenang-kenangan."
        ),
    },
    # ---------------------------------------------------------------- ms
    {
        "key": "ms-lecture-reading-life",
        "lang": "ms",
        "title": "Forum Bagui: Membaca dan Kehidupan",
        "intro": (
            "Perpustakaan Guangxi menjemput seorang penulis terkenal untuk berkongsi tentang "
            "bagaimana sebuah buku yang baik boleh mengubah perjalanan hidup seseorang."
        ),
        "body": (
            "Syarahan bermula dengan pengalaman penulis meminjam buku di perpustakaan daerah "
            "semasa kecil, kemudian membincangkan karya sastera klasik yang mempengaruhi pilihan "
            "hidupnya. Para hadirin mengemukakan banyak soalan. Di akhir majlis, penganjur "
            "mengedarkan senarai bacaan yang disyorkan."
        ),
    },
    {
        "key": "ms-exhibition-ancient-books",
        "lang": "ms",
        "title": "Pameran Manuskrip Lama Guangxi",
        "intro": (
            "Pameran ini mempamerkan manuskrip lama yang jarang ditemui dan telah dipulihara oleh "
            "Perpustakaan Guangxi sejak beberapa tahun kebelakangan ini."
        ),
        "body": (
            "Manuskrip tersebut merakam sejarah dan budaya Guangxi selama ratusan tahun. "
            "Pengunjung boleh membandingkan gambar sebelum dan selepas kerja pemuliharaan. "
            "Pameran dibuka kepada orang ramai secara percuma selama sebulan."
        ),
    },
    {
        "key": "ms-storytime",
        "lang": "ms",
        "title": "Sesi Bercerita Interaktif untuk Kanak-Kanak",
        "intro": (
            "Setiap pagi Ahad, sukarelawan akan mengajak kanak-kanak berumur tiga hingga enam "
            "tahun membaca buku bergambar dan membuat kraf tangan."
        ),
        "body": (
            "Aktiviti diadakan di sudut bacaan kanak-kanak di tingkat bawah. Ibu bapa diminta "
            "hadir sepuluh minit lebih awal untuk mendaftar. Setiap sesi terhad kepada dua puluh "
            "keluarga."
        ),
    },
    {
        "key": "ms-film-old-beijing",
        "lang": "ms",
        "title": "Tayangan Filem Klasik Guangyingxie",
        "intro": (
            "Setiap petang Sabtu, kelab filem kami menayangkan filem klasik secara percuma di "
            "dewan utama."
        ),
        "body": (
            "Filem minggu ini diadaptasi daripada novel karya Lin Haiyin dan mengisahkan zaman "
            "kanak-kanak seorang gadis di Beijing. Selepas tayangan, akan diadakan perbincangan "
            "tentang perbezaan antara novel dengan filemnya."
        ),
    },
    {
        "key": "ms-world-book-day",
        "lang": "ms",
        "title": "Hari Buku Sedunia: Pesta Membaca di Seluruh Guangxi",
        "intro": (
            "Pada 23 April, Pakatan Promosi Membaca Guangxi bersama lebih seratus perpustakaan "
            "awam menyambut Hari Buku Sedunia."
        ),
        "body": (
            "Perpustakaan di Nanning, Liuzhou, Guilin, Wuzhou dan Beihai mengadakan pertukaran "
            "buku, membaca bersama keluarga serta Forum Bagui edisi khas tentang membaca dan "
            "kehidupan. Pengunjung yang meminjam tiga buah buku pada hari tersebut akan menerima "
            "penanda buku sebagai cenderamata."
        ),
    },
    # ---------------------------------------------------------------- lo
    {
        "key": "lo-lecture-reading-life",
        "lang": "lo",
        "title": "ການບັນຍາຍພິເສດເລື່ອງການອ່ານກັບຊີວິດ",
        "intro": ("ຫໍສະໝຸດກວາງຊີເຊີນນັກຂຽນທີ່ມີຊື່ສຽງມາເລົ່າວ່າປຶ້ມດີໜຶ່ງຫົວສາມາດປ່ຽນເສັ້ນທາງຊີວິດຂອງຄົນເຮົາໄດ້ແນວໃດ"),
        "body": (
            "ນັກຂຽນເລີ່ມເລົ່າຈາກປະສົບການຢືມປຶ້ມຢູ່ຫໍສະໝຸດເມືອງຕອນຍັງເປັນເດັກນ້ອຍ "
            "ຜູ້ຟັງໄດ້ຖາມຄຳຖາມຢ່າງຄຶກຄື້ນ "
            "ຫຼັງຈາກການບັນຍາຍຈົບລົງ ຜູ້ຈັດງານໄດ້ມອບລາຍຊື່ປຶ້ມແນະນຳໃຫ້ທຸກຄົນ"
        ),
    },
    {
        "key": "lo-exhibition-ancient-books",
        "lang": "lo",
        "title": "ງານວາງສະແດງປຶ້ມບູຮານແລະເອກະສານທ້ອງຖິ່ນກວາງຊີ",
        "intro": ("ງານວາງສະແດງຄັ້ງນີ້ນຳສະເໜີປຶ້ມບູຮານທີ່ຫາຍາກເຊິ່ງຫໍສະໝຸດກວາງຊີໄດ້ສ້ອມແປງໃນຫຼາຍປີຜ່ານມາ"),
        "body": (
            "ເອກະສານເຫຼົ່ານີ້ບັນທຶກປະຫວັດສາດແລະວັດທະນະທຳຂອງກວາງຊີມາຫຼາຍຮ້ອຍປີ "
            "ຜູ້ເຂົ້າຊົມສາມາດປຽບທຽບຮູບພາບກ່ອນແລະຫຼັງການສ້ອມແປງ "
            "ງານວາງສະແດງເປີດໃຫ້ເຂົ້າຊົມໂດຍບໍ່ເສຍຄ່າເປັນເວລາໜຶ່ງເດືອນ"
        ),
    },
    {
        "key": "lo-storytime",
        "lang": "lo",
        "title": "ກິດຈະກຳເລົ່ານິທານສຳລັບເດັກນ້ອຍທຸກວັນອາທິດ",
        "intro": "ອາສາສະໝັກຈະພາເດັກນ້ອຍອາຍຸສາມຫາຫົກປີອ່ານປຶ້ມພາບແລະເຮັດວຽກຫັດຖະກຳນຳກັນ",
        "body": (
            "ກິດຈະກຳຈັດຂຶ້ນຢູ່ມຸມປຶ້ມເດັກນ້ອຍຊັ້ນໜຶ່ງ "
            "ຜູ້ປົກຄອງກະລຸນາພາລູກຫຼານມາລົງທະບຽນກ່ອນເວລາສິບນາທີ "
            "ແຕ່ລະຮອບຮັບໄດ້ບໍ່ເກີນຊາວຄອບຄົວ"
        ),
    },
    {
        "key": "lo-film-old-beijing",
        "lang": "lo",
        "title": "ສາຍຮູບເງົາທີ່ມີຊື່ສຽງທຸກວັນເສົາ",
        "intro": "ສະໂມສອນຮູບເງົາຂອງພວກເຮົາສາຍຮູບເງົາໃນຫ້ອງປະຊຸມໃຫຍ່ໂດຍບໍ່ເສຍຄ່າ",
        "body": (
            "ຮູບເງົາອາທິດນີ້ດັດແປງມາຈາກນະວະນິຍາຍຂອງນັກຂຽນຍິງຊາວຈີນ "
            "ເລົ່າເລື່ອງໄວເດັກຂອງເດັກຍິງຄົນໜຶ່ງໃນປັກກິ່ງ "
            "ຫຼັງຈາກສາຍແລ້ວຈະມີການລົມກັນກ່ຽວກັບຄວາມແຕກຕ່າງລະຫວ່າງປຶ້ມກັບຮູບເງົາ"
        ),
    },
    {
        "key": "lo-world-book-day",
        "lang": "lo",
        "title": "ວັນປຶ້ມໂລກ: ງານບຸນການອ່ານທົ່ວກວາງຊີ",
        "intro": (
            "ເຄືອຂ່າຍສົ່ງເສີມການອ່ານກວາງຊີຮ່ວມກັບຫໍສະໝຸດປະຊາຊົນຫຼາຍກວ່າໜຶ່ງຮ້ອຍແຫ່ງ"
            "ຈັດກິດຈະກຳສະເຫຼີມສະຫຼອງວັນປຶ້ມໂລກໃນວັນທີ 23 ເມສາ"
        ),
        "body": (
            "ຫໍສະໝຸດທົ່ວກວາງຊີຈັດກິດຈະກຳແລກປ່ຽນປຶ້ມແລະການອ່ານຮ່ວມກັນໃນຄອບຄົວ "
            "ພ້ອມທັງການບັນຍາຍພິເສດເລື່ອງການອ່ານກັບຊີວິດ "
            "ຜູ້ທີ່ຢືມປຶ້ມຄົບສາມຫົວໃນມື້ນັ້ນຈະໄດ້ຮັບຂອງທີ່ລະນຶກ"
        ),
    },
    # ---------------------------------------------------------------- km
    {
        "key": "km-lecture-reading-life",
        "lang": "km",
        "title": "បាឋកថាពិសេសស្តីពីការអាននិងជីវិត",
        "intro": (
            "បណ្ណាល័យក្វាងស៊ីបានអញ្ជើញអ្នកនិពន្ធល្បីម្នាក់មកចែករំលែកថា សៀវភៅល្អមួយក្បាលអាចផ្លាស់ប្តូរជីវិតរបស់មនុស្សម្នាក់បាន។"
        ),
        "body": (
            "អ្នកនិពន្ធបានរៀបរាប់ពីបទពិសោធន៍ខ្ចីសៀវភៅនៅបណ្ណាល័យស្រុកកាលនៅក្មេង។ "
            "អ្នកស្តាប់បានសួរសំណួរយ៉ាងសកម្ម។ "
            "បន្ទាប់ពីបាឋកថាចប់ អ្នករៀបចំបានចែកបញ្ជីសៀវភៅណែនាំដល់អ្នកចូលរួមទាំងអស់។"
        ),
    },
    {
        "key": "km-exhibition-ancient-books",
        "lang": "km",
        "title": "ការតាំងពិព័រណ៍សៀវភៅបុរាណនិងឯកសារក្វាងស៊ី",
        "intro": ("ពិព័រណ៍នេះបង្ហាញសៀវភៅបុរាណកម្រៗ ដែលបណ្ណាល័យក្វាងស៊ីបានជួសជុលក្នុងរយៈពេលប៉ុន្មានឆ្នាំចុងក្រោយនេះ។"),
        "body": (
            "ឯកសារទាំងនេះបានកត់ត្រាប្រវត្តិសាស្ត្រនិងវប្បធម៌របស់ក្វាងស៊ីអស់រាប់រយឆ្នាំ។ "
            "អ្នកទស្សនាអាចប្រៀបធៀបរូបថតមុននិងក្រោយការជួសជុល។ "
            "ពិព័រណ៍បើកឱ្យទស្សនាដោយឥតគិតថ្លៃរយៈពេលមួយខែ។"
        ),
    },
    {
        "key": "km-storytime",
        "lang": "km",
        "title": "កម្មវិធីនិទានរឿងសម្រាប់កុមាររៀងរាល់ថ្ងៃអាទិត្យ",
        "intro": ("អ្នកស្ម័គ្រចិត្តនឹងនាំកុមារអាយុពីបីដល់ប្រាំមួយឆ្នាំអានសៀវភៅរូបភាព និងធ្វើសិប្បកម្មជាមួយគ្នា។"),
        "body": (
            "សកម្មភាពប្រព្រឹត្តទៅនៅជ្រុងសៀវភៅកុមារ។ "
            "សូមមាតាបិតានាំកូនមកចុះឈ្មោះមុនម៉ោងដប់នាទី។ "
            "ម្តងៗទទួលបានមិនលើសពីម្ភៃគ្រួសារ។"
        ),
    },
    {
        "key": "km-film-old-beijing",
        "lang": "km",
        "title": "ការបញ្ចាំងភាពយន្តល្បីៗដោយឥតគិតថ្លៃរៀងរាល់ថ្ងៃសៅរ៍",
        "intro": "ក្លឹបភាពយន្តរបស់យើងបញ្ចាំងភាពយន្តល្បីៗនៅក្នុងសាលប្រជុំធំ។",
        "body": (
            "ភាពយន្តសប្តាហ៍នេះកែសម្រួលពីប្រលោមលោករបស់អ្នកនិពន្ធស្រីជនជាតិចិន "
            "ដោយរៀបរាប់ពីកុមារភាពរបស់ក្មេងស្រីម្នាក់នៅទីក្រុងប៉េកាំង។ "
            "ក្រោយការបញ្ចាំង នឹងមានការពិភាក្សាអំពីភាពខុសគ្នារវាងសៀវភៅនិងភាពយន្ត។"
        ),
    },
    {
        "key": "km-world-book-day",
        "lang": "km",
        "title": "ទិវាសៀវភៅពិភពលោក៖ ពិធីបុណ្យការអាននៅក្វាងស៊ី",
        "intro": (
            "បណ្តាញលើកកម្ពស់ការអានក្វាងស៊ីសហការជាមួយបណ្ណាល័យសាធារណៈជាងមួយរយកន្លែង "
            "រៀបចំសកម្មភាពអបអរទិវាសៀវភៅពិភពលោកនៅថ្ងៃទី២៣ ខែមេសា។"
        ),
        "body": (
            "បណ្ណាល័យនានារៀបចំការផ្លាស់ប្តូរសៀវភៅ "
            "និងការអានជាមួយក្រុមគ្រួសារ ព្រមទាំងបាឋកថាពិសេសស្តីពីការអាននិងជីវិត។ "
            "អ្នកដែលខ្ចីសៀវភៅគ្រប់បីក្បាលនៅថ្ងៃនោះ នឹងទទួលបានអំណោយអនុស្សាវរីយ៍។"
        ),
    },
    # ---------------------------------------------------------------- my
    {
        "key": "my-lecture-reading-life",
        "lang": "my",
        "title": "စာဖတ်ခြင်းနှင့်ဘဝအထူးဟောပြောပွဲ",
        "intro": (
            "ကွမ်ရှီစာကြည့်တိုက်သည် နာမည်ကျော်စာရေးဆရာတစ်ဦးကို ဖိတ်ကြားပြီး "
            "စာအုပ်ကောင်းတစ်အုပ်က လူတစ်ယောက်၏ဘဝကို မည်သို့ပြောင်းလဲစေနိုင်ကြောင်း ဝေမျှမည်။"
        ),
        "body": (
            "စာရေးဆရာသည် ငယ်စဉ်က မြို့နယ်စာကြည့်တိုက်တွင် "
            "စာအုပ်ငှားခဲ့သည့်အတွေ့အကြုံမှ စတင်ပြောပြခဲ့သည်။ "
            "ပရိသတ်များက စိတ်အားထက်သန်စွာ မေးခွန်းများမေးခဲ့ကြသည်။ "
            "ဟောပြောပွဲအပြီးတွင် ဖတ်သင့်သောစာအုပ်စာရင်းကို တက်ရောက်သူအားလုံးအား ပေးခဲ့သည်။"
        ),
    },
    {
        "key": "my-exhibition-ancient-books",
        "lang": "my",
        "title": "ကွမ်ရှီရှေးဟောင်းစာအုပ်နှင့်မှတ်တမ်းပြပွဲ",
        "intro": (
            "ဤပြပွဲတွင် ကွမ်ရှီစာကြည့်တိုက်က မကြာသေးမီနှစ်များအတွင်း "
            "ပြုပြင်ထိန်းသိမ်းခဲ့သော ရှားပါးရှေးဟောင်းစာအုပ်များကို ပြသထားသည်။"
        ),
        "body": (
            "ဤမှတ်တမ်းများသည် ကွမ်ရှီ၏သမိုင်းနှင့်ယဉ်ကျေးမှုကို နှစ်ပေါင်းရာချီ "
            "မှတ်တမ်းတင်ထားသည်။ "
            "ဧည့်သည်များသည် ပြုပြင်မှုမတိုင်မီနှင့် ပြီးနောက် ဓာတ်ပုံများကို "
            "နှိုင်းယှဉ်ကြည့်ရှုနိုင်သည်။ "
            "ပြပွဲကို တစ်လကြာ အခမဲ့ဖွင့်ထားသည်။"
        ),
    },
    {
        "key": "my-storytime",
        "lang": "my",
        "title": "ကလေးများအတွက်ပုံပြင်ပြောပွဲ",
        "intro": (
            "စေတနာ့ဝန်ထမ်းများသည် သုံးနှစ်မှခြောက်နှစ်အရွယ်ကလေးများနှင့်အတူ ရုပ်ပုံစာအုပ်များဖတ်ပြီး လက်မှုပစ္စည်းများ ပြုလုပ်ကြမည်။"
        ),
        "body": (
            "အစီအစဉ်ကို တနင်္ဂနွေနေ့တိုင်း ကလေးစာအုပ်ထောင့်တွင် ကျင်းပသည်။ "
            "မိဘများသည် ကလေးများကို ဆယ်မိနစ်စောစီးစွာ ခေါ်လာပြီး စာရင်းသွင်းပေးပါ။ "
            "တစ်ကြိမ်လျှင် မိသားစုနှစ်ဆယ်သာ လက်ခံပါသည်။"
        ),
    },
    {
        "key": "my-film-old-beijing",
        "lang": "my",
        "title": "စနေနေ့တိုင်းအခမဲ့ရုပ်ရှင်ပြသပွဲ",
        "intro": "ကျွန်ုပ်တို့၏ရုပ်ရှင်အသင်းသည် ခန်းမကြီးတွင် နာမည်ကျော်ရုပ်ရှင်များကို အခမဲ့ပြသသည်။",
        "body": (
            "ဤအပတ်ရုပ်ရှင်ကို တရုတ်အမျိုးသမီးစာရေးဆရာ၏ဝတ္ထုမှ ပြုပြင်ရိုက်ကူးထားပြီး "
            "ပေကျင်းမြို့ရှိ မိန်းကလေးတစ်ဦး၏ ငယ်ဘဝအကြောင်းကို ဖော်ပြထားသည်။ "
            "ပြသပြီးနောက် ဝတ္ထုနှင့်ရုပ်ရှင်ကြား ကွာခြားချက်များကို ဆွေးနွေးမည်။"
        ),
    },
    {
        "key": "my-world-book-day",
        "lang": "my",
        "title": "ကမ္ဘာ့စာအုပ်နေ့စာဖတ်ခြင်းပွဲတော်",
        "intro": (
            "ကွမ်ရှီစာဖတ်ခြင်းမြှင့်တင်ရေးအဖွဲ့သည် အများပြည်သူစာကြည့်တိုက်တစ်ရာကျော်နှင့်အတူ "
            "ဧပြီလ ၂၃ ရက်နေ့တွင် ကမ္ဘာ့စာအုပ်နေ့ကို ကျင်းပမည်။"
        ),
        "body": (
            "စာကြည့်တိုက်များတွင် စာအုပ်လဲလှယ်ခြင်း၊ မိသားစုစာဖတ်ခြင်းနှင့် "
            "စာဖတ်ခြင်းနှင့်ဘဝအထူးဟောပြောပွဲတို့ကို ကျင်းပမည်။ "
            "ထိုနေ့တွင် စာအုပ်သုံးအုပ်ငှားသူများသည် အမှတ်တရလက်ဆောင် ရရှိမည်။"
        ),
    },
    # ---------------------------------------------------------------- fil
    {
        "key": "fil-lecture-reading-life",
        "lang": "fil",
        "title": "Bagui Forum: Pagbasa at Buhay",
        "intro": (
            "Inanyayahan ng Aklatan ng Guangxi ang isang kilalang manunulat upang ibahagi kung "
            "paano mababago ng isang mabuting aklat ang takbo ng buhay ng isang tao."
        ),
        "body": (
            "Nagsimula ang panayam sa karanasan ng manunulat sa paghiram ng mga aklat sa aklatang "
            "bayan noong bata pa siya, at tinalakay niya ang mga klasikong panitikan na humubog "
            "sa kanyang mga pagpili. Maraming tanong ang mga dumalo. Sa pagtatapos ng programa, "
            "namigay ang mga tagapag-ayos ng listahan ng mga inirerekomendang babasahin."
        ),
    },
    {
        "key": "fil-exhibition-ancient-books",
        "lang": "fil",
        "title": "Eksibisyon ng mga Lumang Aklat ng Guangxi",
        "intro": (
            "Itinatampok ng eksibisyong ito ang mga bihirang lumang aklat na ipinaayos ng Aklatan "
            "ng Guangxi nitong mga nakaraang taon."
        ),
        "body": (
            "Nakatala sa mga dokumentong ito ang kasaysayan at kultura ng Guangxi sa loob ng "
            "daan-daang taon. Maaaring ihambing ng mga bisita ang mga larawan bago at pagkatapos "
            "ng pagsasaayos. Bukas ang eksibisyon nang libre sa publiko sa loob ng isang buwan."
        ),
    },
    {
        "key": "fil-storytime",
        "lang": "fil",
        "title": "Interaktibong Kuwentuhan para sa mga Bata",
        "intro": (
            "Tuwing Linggo ng umaga, sasamahan ng mga boluntaryo ang mga batang tatlo hanggang "
            "anim na taong gulang sa pagbabasa ng mga aklat na may larawan at sa paggawa ng "
            "simpleng likhang-kamay."
        ),
        "body": (
            "Gaganapin ang aktibidad sa sulok ng mga aklat pambata sa unang palapag. Pakidala ang "
            "inyong anak nang sampung minuto nang mas maaga para magparehistro. Hanggang "
            "dalawampung pamilya lamang ang tatanggapin sa bawat sesyon."
        ),
    },
    {
        "key": "fil-film-old-beijing",
        "lang": "fil",
        "title": "Gabi ng Klasikong Pelikula sa Guangyingxie",
        "intro": (
            "Tuwing Sabado ng hapon, nagpapalabas nang libre ang aming film club ng isang "
            "klasikong pelikula sa bulwagan."
        ),
        "body": (
            "Ang pelikula ngayong linggo ay hango sa nobela ni Lin Haiyin at isinasalaysay ang "
            "kabataan ng isang batang babae sa Beijing. Pagkatapos ng palabas, magkakaroon ng "
            "talakayan tungkol sa pagkakaiba ng nobela at ng pelikula."
        ),
    },
    {
        "key": "fil-world-book-day",
        "lang": "fil",
        "title": "Pandaigdigang Araw ng Aklat: Pista ng Pagbasa sa Buong Guangxi",
        "intro": (
            "Sa ika-23 ng Abril, ipagdiriwang ng Alyansa sa Pagsusulong ng Pagbasa sa Guangxi at "
            "ng mahigit isandaang pampublikong aklatan ang Pandaigdigang Araw ng Aklat."
        ),
        "body": (
            "Magkakaroon ang mga aklatan sa Nanning, Liuzhou, Guilin, Wuzhou at Beihai ng palitan "
            "ng aklat, sabayang pagbasa ng pamilya, at espesyal na Bagui Forum tungkol sa pagbasa "
            "at buhay. Ang sinumang manghiram ng tatlong aklat sa araw na iyon ay makatatanggap ng "
            "pananda ng aklat bilang alaala."
        ),
    },
]

QUERIES = [
    # lang; q; expect (subset that MUST be found); absent (must NOT be found);
    # first (only where q IS a page title, ignoring punctuation/case); note
    # ---------------------------------------------------------------- zh-hans
    {
        "lang": "zh-hans",
        "q": "阅读",
        "expect": ["zh-lecture-reading-life", "zh-world-book-day"],
        "absent": [
            "zh-exhibition-ancient-books",
            "zh-storytime-tadpole",
            "zh-film-old-beijing",
            "zh-volunteer-guides",
        ],
        "note": "word in the middle of an unspaced title (全民阅读嘉年华); 借阅/阅·悦 must not match",
    },
    {
        "lang": "zh-hans",
        "q": "族谱",
        "expect": ["zh-exhibition-ancient-books"],
        "absent": [
            "zh-lecture-reading-life",
            "zh-storytime-tadpole",
            "zh-film-old-beijing",
            "zh-world-book-day",
            "zh-volunteer-guides",
        ],
        "note": "word only in the middle of the body (手抄族谱和壮族)",
    },
    {
        "lang": "zh-hans",
        "q": "消防安全",
        "expect": ["zh-volunteer-guides"],
        "absent": [
            "zh-lecture-reading-life",
            "zh-exhibition-ancient-books",
            "zh-storytime-tadpole",
            "zh-film-old-beijing",
            "zh-world-book-day",
        ],
        "note": "four-character word only in the body (礼仪和消防安全知识)",
    },
    {
        "lang": "zh-hans",
        "q": "八桂讲坛：阅读与人生",
        "expect": ["zh-lecture-reading-life", "zh-world-book-day"],
        "absent": ["zh-storytime-tadpole", "zh-film-old-beijing"],
        "first": "zh-lecture-reading-life",
        "note": "exact title; the World Book Day page also names this talk in its body",
    },
    {
        "lang": "zh-hans",
        "q": "阅读的乐趣？",
        "expect": ["zh-world-book-day"],
        "absent": ["zh-exhibition-ancient-books", "zh-film-old-beijing", "zh-volunteer-guides"],
        "note": "stop-word 的 and full-width question mark around the words",
    },
    {
        "lang": "zh-hans",
        "q": "圖書館",
        "expect": [
            "zh-lecture-reading-life",
            "zh-exhibition-ancient-books",
            "zh-world-book-day",
            "zh-volunteer-guides",
        ],
        "absent": ["zh-storytime-tadpole", "zh-film-old-beijing"],
        "note": "traditional characters find simplified 图书馆; 馆员 alone must not match",
    },
    {
        "lang": "zh-hans",
        "q": "閱讀",
        "expect": ["zh-lecture-reading-life", "zh-world-book-day"],
        "absent": ["zh-film-old-beijing", "zh-volunteer-guides"],
        "note": "traditional characters find simplified 阅读",
    },
    {
        "lang": "zh-hans",
        "q": "兒童",
        "expect": ["zh-storytime-tadpole"],
        "absent": [
            "zh-lecture-reading-life",
            "zh-exhibition-ancient-books",
            "zh-film-old-beijing",
            "zh-world-book-day",
            "zh-volunteer-guides",
        ],
        "note": "traditional 兒童 finds 儿童; the film page's 童年 must not match",
    },
    {
        "lang": "zh-hans",
        "q": "图书",
        "expect": ["zh-lecture-reading-life", "zh-exhibition-ancient-books"],
        "absent": ["zh-storytime-tadpole", "zh-film-old-beijing"],
        "note": "2-character word that these pages only contain inside the compound 图书馆",
    },
    {
        "lang": "zh-hans",
        "q": "故事",
        "expect": ["zh-storytime-tadpole"],
        "absent": [
            "zh-lecture-reading-life",
            "zh-exhibition-ancient-books",
            "zh-film-old-beijing",
            "zh-volunteer-guides",
        ],
        "note": "word inside the compound 故事会; the film's 旧事/往事 must not match",
    },
    # ---------------------------------------------------------------- en
    {
        "lang": "en",
        "q": "festival",
        "expect": ["en-world-book-day"],
        "absent": [
            "en-lecture-reading-life",
            "en-autumn-lectures",
            "en-storytime",
            "en-film-old-beijing",
            "en-volunteer-guides",
        ],
        "note": "word in the middle of a title",
    },
    {
        "lang": "en",
        "q": "bookmark",
        "expect": ["en-world-book-day"],
        "absent": [
            "en-lecture-reading-life",
            "en-autumn-lectures",
            "en-storytime",
            "en-film-old-beijing",
            "en-volunteer-guides",
        ],
        "note": "word only in the middle of the body",
    },
    {
        "lang": "en",
        "q": "Bagui Forum: Reading and Life",
        "expect": ["en-lecture-reading-life", "en-world-book-day"],
        "absent": ["en-film-old-beijing"],
        "first": "en-lecture-reading-life",
        "note": "exact title; the World Book Day page also mentions a Bagui Forum on reading and life",
    },
    {
        "lang": "en",
        "q": "the history of Guangxi!",
        "expect": ["en-autumn-lectures"],
        "absent": ["en-storytime", "en-film-old-beijing"],
        "note": "stop-words and punctuation around the words",
    },
    {
        "lang": "en",
        "q": "lecture",
        "expect": ["en-autumn-lectures"],
        "absent": [
            "en-lecture-reading-life",
            "en-storytime",
            "en-film-old-beijing",
            "en-world-book-day",
            "en-volunteer-guides",
        ],
        "note": "singular query finds a page that only says 'lectures'",
    },
    {
        "lang": "en",
        "q": "volunteer",
        "expect": ["en-volunteer-guides", "en-storytime"],
        "absent": [
            "en-lecture-reading-life",
            "en-autumn-lectures",
            "en-film-old-beijing",
            "en-world-book-day",
        ],
        "note": "singular query finds the plural title 'Volunteers Wanted' as well",
    },
    # ---------------------------------------------------------------- vi
    {
        "lang": "vi",
        "q": "kể chuyện",
        "expect": ["vi-storytime"],
        "absent": ["vi-exhibition-ancient-books", "vi-volunteer-guides", "vi-world-book-day"],
        "note": "two-syllable word in the middle of a title",
    },
    {
        "lang": "vi",
        "q": "phòng cháy",
        "expect": ["vi-volunteer-guides"],
        "absent": [
            "vi-lecture-reading-life",
            "vi-exhibition-ancient-books",
            "vi-storytime",
            "vi-film-old-beijing",
            "vi-world-book-day",
        ],
        "note": "word only in the middle of the body",
    },
    {
        "lang": "vi",
        "q": "Diễn đàn Bát Quế: Đọc sách và cuộc đời",
        "expect": ["vi-lecture-reading-life", "vi-world-book-day"],
        "absent": [],
        "first": "vi-lecture-reading-life",
        "note": "exact title; the World Book Day page names the same forum and topic",
    },
    {
        "lang": "vi",
        "q": "lịch sử của thư viện",
        "expect": ["vi-exhibition-ancient-books"],
        "absent": ["vi-film-old-beijing"],
        "note": "stop-word của between the words",
    },
    {
        "lang": "vi",
        "q": "thu vien",
        "expect": [
            "vi-lecture-reading-life",
            "vi-exhibition-ancient-books",
            "vi-world-book-day",
            "vi-volunteer-guides",
        ],
        "absent": ["vi-film-old-beijing"],
        "note": "typed without diacritics, must find thư viện",
    },
    {
        "lang": "vi",
        "q": "doc sach",
        "expect": ["vi-lecture-reading-life", "vi-world-book-day", "vi-storytime"],
        "absent": ["vi-film-old-beijing"],
        "note": "typed without diacritics, must find đọc sách",
    },
    # ---------------------------------------------------------------- th
    {
        "lang": "th",
        "q": "นิทาน",
        "expect": ["th-storytime"],
        "absent": [
            "th-lecture-reading-life",
            "th-exhibition-ancient-books",
            "th-film-old-beijing",
            "th-world-book-day",
            "th-volunteer-guides",
        ],
        "note": "word inside the unspaced title; นิทรรศการ must not match",
    },
    {
        "lang": "th",
        "q": "วรรณกรรม",
        "expect": ["th-lecture-reading-life"],
        "absent": [
            "th-exhibition-ancient-books",
            "th-storytime",
            "th-film-old-beijing",
            "th-world-book-day",
            "th-volunteer-guides",
        ],
        "note": "word only in the middle of an unspaced body run",
    },
    {
        "lang": "th",
        "q": "เวทีบรรยายปากุ้ยเรื่องการอ่านกับชีวิต",
        "expect": ["th-lecture-reading-life", "th-world-book-day"],
        "absent": [
            "th-exhibition-ancient-books",
            "th-storytime",
            "th-film-old-beijing",
            "th-volunteer-guides",
        ],
        "first": "th-lecture-reading-life",
        "note": "exact title; the World Book Day body contains the same phrase",
    },
    {
        "lang": "th",
        "q": "ประวัติศาสตร์และวัฒนธรรมของกว่างซี?",
        "expect": ["th-exhibition-ancient-books"],
        "absent": ["th-storytime", "th-film-old-beijing"],
        "note": "stop-words และ/ของ and a question mark, all unspaced",
    },
    {
        "lang": "th",
        "q": "ห้องสมุด",
        "expect": [
            "th-lecture-reading-life",
            "th-exhibition-ancient-books",
            "th-world-book-day",
            "th-volunteer-guides",
        ],
        "absent": ["th-storytime", "th-film-old-beijing"],
        "note": "word at the start of unspaced runs; ห้องประชุม must not match",
    },
    {
        "lang": "th",
        "q": "หนังสือ",
        "expect": [
            "th-lecture-reading-life",
            "th-exhibition-ancient-books",
            "th-storytime",
            "th-world-book-day",
            "th-volunteer-guides",
        ],
        "absent": ["th-film-old-beijing"],
        "note": "book; the film page's หนังคลาสสิก (movie) must not match",
    },
    {
        "lang": "th",
        "q": "อาสาสมัคร",
        "expect": ["th-volunteer-guides", "th-storytime"],
        "absent": [
            "th-lecture-reading-life",
            "th-exhibition-ancient-books",
            "th-film-old-beijing",
            "th-world-book-day",
        ],
        "note": "word inside รับสมัครอาสาสมัครช่วงวันหยุด",
    },
    # ---------------------------------------------------------------- id
    {
        "lang": "id",
        "q": "dongeng",
        "expect": ["id-storytime"],
        "absent": [
            "id-lecture-reading-life",
            "id-exhibition-ancient-books",
            "id-film-old-beijing",
            "id-world-book-day",
        ],
        "note": "word in the middle of a title",
    },
    {
        "lang": "id",
        "q": "sastra",
        "expect": ["id-lecture-reading-life"],
        "absent": [
            "id-exhibition-ancient-books",
            "id-storytime",
            "id-film-old-beijing",
            "id-world-book-day",
        ],
        "note": "word only in the middle of the body",
    },
    {
        "lang": "id",
        "q": "Forum Bagui: Membaca dan Kehidupan",
        "expect": ["id-lecture-reading-life", "id-world-book-day"],
        "absent": ["id-exhibition-ancient-books", "id-film-old-beijing"],
        "first": "id-lecture-reading-life",
        "note": "exact title; the World Book Day page also mentions this forum",
    },
    {
        "lang": "id",
        "q": "tentang sejarah Guangxi?",
        "expect": ["id-exhibition-ancient-books"],
        "absent": ["id-storytime", "id-film-old-beijing"],
        "note": "stop-word tentang and a question mark",
    },
    {
        "lang": "id",
        "q": "perpustakaan",
        "expect": [
            "id-lecture-reading-life",
            "id-exhibition-ancient-books",
            "id-world-book-day",
        ],
        "absent": ["id-storytime", "id-film-old-beijing"],
        "note": "library",
    },
    # ---------------------------------------------------------------- ms
    {
        "lang": "ms",
        "q": "bercerita",
        "expect": ["ms-storytime"],
        "absent": [
            "ms-lecture-reading-life",
            "ms-exhibition-ancient-books",
            "ms-film-old-beijing",
            "ms-world-book-day",
        ],
        "note": "word in the middle of a title",
    },
    {
        "lang": "ms",
        "q": "sastera",
        "expect": ["ms-lecture-reading-life"],
        "absent": [
            "ms-exhibition-ancient-books",
            "ms-storytime",
            "ms-film-old-beijing",
            "ms-world-book-day",
        ],
        "note": "word only in the middle of the body",
    },
    {
        "lang": "ms",
        "q": "Forum Bagui: Membaca dan Kehidupan",
        "expect": ["ms-lecture-reading-life", "ms-world-book-day"],
        "absent": ["ms-exhibition-ancient-books", "ms-film-old-beijing"],
        "first": "ms-lecture-reading-life",
        "note": "exact title; the World Book Day page also mentions this forum",
    },
    {
        "lang": "ms",
        "q": "sejarah dan budaya Guangxi?",
        "expect": ["ms-exhibition-ancient-books"],
        "absent": ["ms-storytime", "ms-film-old-beijing"],
        "note": "stop-word dan and a question mark",
    },
    {
        "lang": "ms",
        "q": "perpustakaan",
        "expect": [
            "ms-lecture-reading-life",
            "ms-exhibition-ancient-books",
            "ms-world-book-day",
        ],
        "absent": ["ms-storytime", "ms-film-old-beijing"],
        "note": "library",
    },
    # ---------------------------------------------------------------- lo
    {
        "lang": "lo",
        "q": "ນິທານ",
        "expect": ["lo-storytime"],
        "absent": [
            "lo-lecture-reading-life",
            "lo-exhibition-ancient-books",
            "lo-film-old-beijing",
            "lo-world-book-day",
        ],
        "note": "word in the middle of an unspaced title",
    },
    {
        "lang": "lo",
        "q": "ປະຫວັດສາດ",
        "expect": ["lo-exhibition-ancient-books"],
        "absent": [
            "lo-lecture-reading-life",
            "lo-storytime",
            "lo-film-old-beijing",
            "lo-world-book-day",
        ],
        "note": "word only in the middle of an unspaced body run",
    },
    {
        "lang": "lo",
        "q": "ການບັນຍາຍພິເສດເລື່ອງການອ່ານກັບຊີວິດ",
        "expect": ["lo-lecture-reading-life", "lo-world-book-day"],
        "absent": ["lo-exhibition-ancient-books", "lo-storytime", "lo-film-old-beijing"],
        "first": "lo-lecture-reading-life",
        "note": "exact title; the World Book Day body contains the same phrase",
    },
    {
        "lang": "lo",
        "q": "ວັດທະນະທຳ ຂອງ ກວາງຊີ!",
        "expect": ["lo-exhibition-ancient-books"],
        "absent": ["lo-storytime", "lo-film-old-beijing"],
        "note": "stop-word ຂອງ and an exclamation mark",
    },
    {
        "lang": "lo",
        "q": "ຫໍສະໝຸດ",
        "expect": [
            "lo-lecture-reading-life",
            "lo-exhibition-ancient-books",
            "lo-world-book-day",
        ],
        "absent": ["lo-storytime", "lo-film-old-beijing"],
        "note": "library, inside runs such as ຫໍສະໝຸດກວາງຊີເຊີນ…",
    },
    {
        "lang": "lo",
        "q": "ເດັກນ້ອຍ",
        "expect": ["lo-storytime", "lo-lecture-reading-life"],
        "absent": ["lo-exhibition-ancient-books", "lo-film-old-beijing", "lo-world-book-day"],
        "note": "children; the film page's ໄວເດັກ/ເດັກຍິງ must not match",
    },
    # ---------------------------------------------------------------- km
    {
        "lang": "km",
        "q": "និទាន",
        "expect": ["km-storytime"],
        "absent": [
            "km-lecture-reading-life",
            "km-exhibition-ancient-books",
            "km-film-old-beijing",
            "km-world-book-day",
        ],
        "note": "word in the middle of an unspaced title",
    },
    {
        "lang": "km",
        "q": "ប្រវត្តិសាស្ត្រ",
        "expect": ["km-exhibition-ancient-books"],
        "absent": [
            "km-lecture-reading-life",
            "km-storytime",
            "km-film-old-beijing",
            "km-world-book-day",
        ],
        "note": "word only in the middle of an unspaced body run",
    },
    {
        "lang": "km",
        "q": "បាឋកថាពិសេសស្តីពីការអាននិងជីវិត",
        "expect": ["km-lecture-reading-life", "km-world-book-day"],
        "absent": ["km-exhibition-ancient-books", "km-storytime", "km-film-old-beijing"],
        "first": "km-lecture-reading-life",
        "note": "exact title; the World Book Day body contains the same phrase",
    },
    {
        "lang": "km",
        "q": "វប្បធម៌របស់ក្វាងស៊ី?",
        "expect": ["km-exhibition-ancient-books"],
        "absent": ["km-storytime", "km-film-old-beijing"],
        "note": "stop-word របស់ and a question mark, unspaced",
    },
    {
        "lang": "km",
        "q": "បណ្ណាល័យ",
        "expect": [
            "km-lecture-reading-life",
            "km-exhibition-ancient-books",
            "km-world-book-day",
        ],
        "absent": ["km-storytime", "km-film-old-beijing"],
        "note": "library, inside runs such as បណ្ណាល័យក្វាងស៊ីបានអញ្ជើញ…",
    },
    {
        "lang": "km",
        "q": "កុមារ",
        "expect": ["km-storytime"],
        "absent": [
            "km-lecture-reading-life",
            "km-exhibition-ancient-books",
            "km-world-book-day",
        ],
        "note": "children (the film page has កុមារភាព, childhood, so it is neither expected nor absent)",
    },
    # ---------------------------------------------------------------- my
    {
        "lang": "my",
        "q": "ပုံပြင်",
        "expect": ["my-storytime"],
        "absent": [
            "my-lecture-reading-life",
            "my-exhibition-ancient-books",
            "my-film-old-beijing",
            "my-world-book-day",
        ],
        "note": "word in the middle of an unspaced title",
    },
    {
        "lang": "my",
        "q": "သမိုင်း",
        "expect": ["my-exhibition-ancient-books"],
        "absent": [
            "my-lecture-reading-life",
            "my-storytime",
            "my-film-old-beijing",
            "my-world-book-day",
        ],
        "note": "word only in the middle of an unspaced body run",
    },
    {
        "lang": "my",
        "q": "စာဖတ်ခြင်းနှင့်ဘဝအထူးဟောပြောပွဲ",
        "expect": ["my-lecture-reading-life", "my-world-book-day"],
        "absent": ["my-exhibition-ancient-books", "my-storytime", "my-film-old-beijing"],
        "first": "my-lecture-reading-life",
        "note": "exact title; the World Book Day body contains the same phrase",
    },
    {
        "lang": "my",
        "q": "ကွမ်ရှီ၏ယဉ်ကျေးမှု?",
        "expect": ["my-exhibition-ancient-books"],
        "absent": ["my-storytime", "my-film-old-beijing"],
        "note": "particle ၏ (of) and a question mark, unspaced",
    },
    {
        "lang": "my",
        "q": "စာကြည့်တိုက်",
        "expect": [
            "my-lecture-reading-life",
            "my-exhibition-ancient-books",
            "my-world-book-day",
        ],
        "absent": ["my-storytime", "my-film-old-beijing"],
        "note": "library, inside runs such as ကွမ်ရှီစာကြည့်တိုက်သည်",
    },
    {
        "lang": "my",
        "q": "ကလေး",
        "expect": ["my-storytime"],
        "absent": [
            "my-lecture-reading-life",
            "my-exhibition-ancient-books",
            "my-world-book-day",
        ],
        "note": "children (the film page has မိန်းကလေး, girl, so it is neither expected nor absent)",
    },
    # ---------------------------------------------------------------- fil
    {
        "lang": "fil",
        "q": "kuwentuhan",
        "expect": ["fil-storytime"],
        "absent": [
            "fil-lecture-reading-life",
            "fil-exhibition-ancient-books",
            "fil-film-old-beijing",
            "fil-world-book-day",
        ],
        "note": "word in the middle of a title",
    },
    {
        "lang": "fil",
        "q": "panitikan",
        "expect": ["fil-lecture-reading-life"],
        "absent": [
            "fil-exhibition-ancient-books",
            "fil-storytime",
            "fil-film-old-beijing",
            "fil-world-book-day",
        ],
        "note": "word only in the middle of the body",
    },
    {
        "lang": "fil",
        "q": "Bagui Forum: Pagbasa at Buhay",
        "expect": ["fil-lecture-reading-life", "fil-world-book-day"],
        "absent": ["fil-exhibition-ancient-books", "fil-storytime", "fil-film-old-beijing"],
        "first": "fil-lecture-reading-life",
        "note": "exact title; the World Book Day page also mentions this forum",
    },
    {
        "lang": "fil",
        "q": "ang kasaysayan ng Guangxi?",
        "expect": ["fil-exhibition-ancient-books"],
        "absent": ["fil-storytime", "fil-film-old-beijing"],
        "note": "stop-words ang/ng and a question mark",
    },
    {
        "lang": "fil",
        "q": "aklatan",
        "expect": [
            "fil-lecture-reading-life",
            "fil-exhibition-ancient-books",
            "fil-world-book-day",
        ],
        "absent": ["fil-film-old-beijing"],
        "note": "library",
    },
]


if __name__ == "__main__":
    # Self-check of the data, without imports: run `python tests/alliance_site/search_corpus.py`.
    LANGS = {"zh-hans", "en", "vi", "th", "id", "ms", "lo", "km", "my", "fil"}
    UNSPACED = {"zh-hans", "th", "lo", "km", "my"}
    SCRIPT = {
        "zh-hans": (0x4E00, 0x9FFF),
        "th": (0x0E00, 0x0E7F),
        "lo": (0x0E80, 0x0EFF),
        "km": (0x1780, 0x17FF),
        "my": (0x1000, 0x109F),
    }
    STOP = {
        "zh-hans": ["的", "了", "与", "和", "在", "吗", "呢"],
        "th": ["และ", "ของ"],
        "lo": ["ແລະ", "ຂອງ"],
        "km": ["និង", "របស់"],
        "my": ["၏", "နှင့်"],
        "en": [
            "the",
            "of",
            "a",
            "an",
            "and",
            "in",
            "on",
            "at",
            "for",
            "to",
            "with",
            "is",
            "are",
            "what",
            "how",
            "about",
        ],
        "vi": ["của", "và", "ở", "là", "cho", "các", "những", "về", "tại", "với"],
        "id": ["dan", "di", "yang", "dari", "untuk", "tentang", "ke", "pada", "dengan", "apa"],
        "ms": [
            "dan",
            "di",
            "yang",
            "dari",
            "daripada",
            "untuk",
            "tentang",
            "ke",
            "pada",
            "dengan",
            "apa",
        ],
        "fil": ["ang", "ng", "sa", "at", "mga", "na", "ay", "ni", "para", "si"],
    }
    TRAD = {"圖": "图", "書": "书", "館": "馆", "閱": "阅", "讀": "读", "兒": "儿", "講": "讲"}
    PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") | set("，。：；！？、·《》“”‘’（）…—៖។၊။")
    FOLD = {}
    for base, accented in {
        "a": "àáảãạăằắẳẵặâầấẩẫậ",
        "e": "èéẻẽẹêềếểễệ",
        "i": "ìíỉĩị",
        "o": "òóỏõọôồốổỗộơờớởỡợ",
        "u": "ùúủũụưừứửữự",
        "y": "ỳýỷỹỵ",
        "d": "đ",
    }.items():
        for ch in accented:
            FOLD[ch] = base

    def fold(s):
        return "".join(FOLD.get(c, c) for c in s.lower())

    def depunct(s):
        return "".join(" " if c in PUNCT else c for c in s)

    def latin_words(s):
        return "".join(c if c.isalnum() else " " for c in s.lower()).split()

    def stem(w, lang):
        return w[:-1] if lang == "en" and len(w) > 3 and w.endswith("s") else w

    def text(page):
        return " ".join((page["title"], page["intro"], page["body"]))

    def unspaced_segments(q, lang):
        q = "".join(TRAD.get(c, c) for c in q)
        q = depunct(q)
        for stop in STOP[lang]:
            q = q.replace(stop, " ")
        return q.split()

    def grams(segment):
        if len(segment) < 2:
            return [segment]
        return [segment[i : i + 2] for i in range(len(segment) - 1)]

    errors = []
    by_key = {}
    for page in PAGES:
        key, lang = page["key"], page["lang"]
        if key in by_key or not key.isascii() or lang not in LANGS:
            errors.append(f"bad or duplicate page key/lang: {key} {lang}")
        by_key[key] = page
        if not key.startswith(lang.split("-")[0] + "-"):
            errors.append(f"{key}: key does not start with its language")
        for field in ("title", "intro", "body"):
            value = page[field]
            if not isinstance(value, str) or not value.strip():
                errors.append(f"{key}: empty {field}")
            if lang in SCRIPT:
                low, high = SCRIPT[lang]
                if not any(low <= ord(c) <= high for c in value):
                    errors.append(f"{key}: {field} is not written in its script")
                if any(c.isascii() and c.isalpha() for c in value):
                    errors.append(f"{key}: {field} contains Latin letters")
                if lang == "zh-hans" and any(c.isspace() for c in value):
                    errors.append(f"{key}: Chinese {field} contains spaces")
            elif lang == "vi":
                if not any(c in FOLD for c in value.lower()):
                    errors.append(f"{key}: {field} has no Vietnamese diacritics")
            elif any(c.isalpha() and not c.isascii() for c in value):
                errors.append(f"{key}: {field} has non-ASCII letters")
    for lang in LANGS:
        count = sum(page["lang"] == lang for page in PAGES)
        if not 4 <= count <= 6:
            errors.append(f"{lang}: {count} pages")
        queries = sum(query["lang"] == lang for query in QUERIES)
        if queries < 4:
            errors.append(f"{lang}: only {queries} queries")

    for query in QUERIES:
        lang, q = query["lang"], query["q"]
        label = f"[{lang}] {q!r}"
        for key in query["expect"] + query["absent"] + [query.get("first")] * ("first" in query):
            if key not in by_key or by_key[key]["lang"] != lang:
                errors.append(f"{label}: unknown key or other language: {key}")
        if set(query["expect"]) & set(query["absent"]):
            errors.append(f"{label}: a key is both expected and absent")
        if "first" in query:
            if query["first"] not in query["expect"] or len(query["expect"]) < 2:
                errors.append(f"{label}: first must be expected along with another page")

            def squash(s):
                return "".join(c for c in depunct(s).casefold() if not c.isspace())

            if squash(by_key[query["first"]]["title"]) != squash(q):
                errors.append(f"{label}: first page's title is not the query")
        expected = [by_key[k] for k in query["expect"] if k in by_key]
        absent = [by_key[k] for k in query["absent"] if k in by_key]
        if lang in UNSPACED:
            segments = unspaced_segments(q, lang)
            if not segments:
                errors.append(f"{label}: nothing left after stripping")
            for page in expected:
                for segment in segments:
                    if segment not in text(page):
                        errors.append(f"{label}: {segment!r} missing from {page['key']}")
            for segment in segments:
                inside = any(
                    segment in run and len(run) > len(segment)
                    for page in expected
                    for run in text(page).split()
                )
                if not inside:
                    errors.append(f"{label}: {segment!r} never inside a longer unspaced run")
            for page in absent:
                check = grams if lang == "zh-hans" else (lambda segment: [segment])
                for segment in segments:
                    for gram in check(segment):
                        if gram in text(page):
                            errors.append(f"{label}: {gram!r} occurs in absent {page['key']}")
        else:
            terms = [w for w in latin_words(q) if w not in STOP[lang]]
            if not terms:
                errors.append(f"{label}: nothing left after stripping")
            for page in expected:
                page_words = latin_words(text(page))
                for term in terms:
                    if lang == "vi" and fold(term) != term:
                        ok = term in page_words
                    else:
                        ok = stem(fold(term), lang) in {stem(fold(w), lang) for w in page_words}
                    if not ok:
                        errors.append(f"{label}: {term!r} missing from {page['key']}")
            for page in absent:
                folded = {stem(fold(w), lang) for w in latin_words(text(page))}
                for term in terms:
                    if stem(fold(term), lang) in folded:
                        errors.append(f"{label}: {term!r} occurs in absent {page['key']}")

    for error in errors:
        print(error)
    print(f"{len(PAGES)} pages, {len(QUERIES)} queries, {len(errors)} problems")
    raise SystemExit(1 if errors else 0)
