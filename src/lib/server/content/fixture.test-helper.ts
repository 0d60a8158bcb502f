import type { ContentFiles } from './catalogue';

/** A small valid course, in both locales, that each test breaks in one way. */
export function validCourse(slug = 'demo'): ContentFiles {
	const dir = `courses/${slug}`;
	return {
		[`${dir}/course.vi.md`]: `---
title: Khóa học thử
summary: Một khóa học ngắn để kiểm tra trình đọc nội dung.
audience: [residents]
minutes: 3
tags: [scams]
order: 1
---
Giới thiệu ngắn về khóa học, viết bằng tiếng Việt có dấu đầy đủ cho người đọc.
`,
		[`${dir}/course.en.md`]: `---
title: Test course
summary: A short course to test the content reader.
audience: [residents]
minutes: 3
tags: [scams]
order: 1
---
A short introduction to the course, written in plain English for the reader.
`,
		[`${dir}/01-first.vi.md`]: `---
title: Bài đầu tiên
minutes: 3
audience: [residents]
scam: impersonation
takeaway: Không bao giờ chuyển tiền cho người lạ gọi đến.
action: Cúp máy và tự gọi lại số chính thức.
report: Báo công an xã nơi bạn ở.
---
Kẻ gian thường gọi điện, tự xưng là cán bộ và đòi bạn chuyển tiền ngay. Hãy bình tĩnh, cúp máy và hỏi lại người thân.
`,
		[`${dir}/01-first.en.md`]: `---
title: The first lesson
minutes: 3
audience: [residents]
scam: impersonation
takeaway: Never send money to a stranger who calls you.
action: Hang up and call the official number yourself.
report: Report it to your commune police.
---
Scammers often call, say they are officials and ask you to transfer money at once. Stay calm, hang up and ask your family.
`,
		[`${dir}/01-first.quiz.vi.md`]: `---
passMark: 70
---

## call single

Có người gọi tự xưng là công an và đòi bạn chuyển tiền. Bạn nên làm gì?

- [ ] Chuyển tiền ngay cho họ.
- [x] Cúp máy và tự gọi lại công an xã.

Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.

## signs multiple

Những dấu hiệu nào cho thấy đây là lừa đảo?

- [x] Hối thúc phải làm ngay.
- [x] Yêu cầu giữ bí mật với người nhà.
- [ ] Gọi vào giờ hành chính.

Hối thúc và giữ bí mật là hai dấu hiệu quen thuộc của kẻ gian.

## otp single

Ngân hàng nhắn tin hỏi mã OTP của bạn. Bạn làm gì?

- [x] Không đưa mã cho bất kỳ ai.
- [ ] Đọc mã cho nhân viên ngân hàng.

Mã OTP chỉ dành cho riêng bạn, không ai có quyền hỏi.
`,
		[`${dir}/01-first.quiz.en.md`]: `---
passMark: 70
---

## call single

Someone calls, says they are the police and asks you to transfer money. What should you do?

- [ ] Transfer the money at once.
- [x] Hang up and call the commune police yourself.

The police never ask for a transfer over the phone.

## signs multiple

Which signs show that this is a scam?

- [x] Pressure to act right now.
- [x] Being told to keep it secret from family.
- [ ] A call during office hours.

Pressure and secrecy are two familiar signs of a scam.

## otp single

A bank text asks for your OTP code. What do you do?

- [x] Never give the code to anyone.
- [ ] Read the code to the bank clerk.

An OTP is for you alone; nobody has the right to ask for it.
`
	};
}
