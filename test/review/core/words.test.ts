import { describe, expect, it } from 'vitest';
import { answerStance, commenterStance, isApprovalOnly, isAttribution, isClosing, isEditorial, isElision, isGreeting, isNameLine, isTrailer } from '../../../services/review/core/words.js';

describe('the classification table', () => {
  it.each([
    ['On 4/3/26 22:00, Dan Williams wrote:', true],
    ['Cheatham, Benjamin wrote:', true],
    ['On Sat, Apr 11, 2026 at 04:02:34PM -0700, Dan Williams wrote:', true],
    ['Quoting Ira Weiny (2023-08-01 13:13:28):', true],
    ['What is wrote: here', false],
  ])('attribution %s', (line, want) => expect(isAttribution(line)).toBe(want));

  it.each(['[..]', '[...]', '[snip]', '[ snip ]', '<snip>', '...', '[snipped 40 lines]'])('elision %s', (l) => expect(isElision(l)).toBe(true));
  it.each(['[..] but this', 'snip'])('not an elision: %s', (l) => expect(isElision(l)).toBe(false));
  it.each(['[ add Lukas ]', '[+cc Dave]', '(adding Jonathan to Cc)'])('editorial %s', (l) => expect(isEditorial(l)).toBe(true));
  it.each(['Hi Dan,', 'Hello all,', 'Hey'])('greeting %s', (l) => expect(isGreeting(l)).toBe(true));
  it('is no greeting when the line says more', () => expect(isGreeting('Hi, this patch breaks the build on arm64 and needs a fix.')).toBe(false));
  it.each(['Thanks,', 'Regards,', 'Cheers', 'Thank you.', 'Best regards,'])('closing %s', (l) => expect(isClosing(l)).toBe(true));
  it('is no closing when thanks come with a reason', () => expect(isClosing('Thanks for explaining!')).toBe(false));
  it.each(['Reviewed-by: A B <a@b.c>', 'Acked-by: A <a@b.c>', 'Tested-by: X <x@y.z>'])('trailer %s', (l) => expect(isTrailer(l)).toBe(true));

  it('knows sign-off names, nicknames and initials', () => {
    const ben = { name: 'Cheatham, Benjamin', email: 'benjamin.cheatham@amd.com' };
    expect(isNameLine('Ben', ben)).toBe(true);
    expect(isNameLine('-Ben', ben)).toBe(true);
    expect(isNameLine('Lukas', { name: 'Lukas Wunner', email: 'lukas@wunner.de' })).toBe(true);
    expect(isNameLine('Be', ben)).toBe(false);
    expect(isNameLine('This is fine', ben)).toBe(false);
  });
});

describe('stances', () => {
  it.each([
    "Didn't realize that, makes sense.",
    'Fair point.',
    'Thanks for explaining!',
    'Exactly right.',
    'Ok, got it.',
  ])('acknowledges: %s', (t) => expect(commenterStance(t)).toBe('acknowledge'));

  it.each([
    'I do not follow this. I can not see in the code a link between the autoremove and the unload.',
    "It doesn't. I agree that developers should understand all the use cases but the naming is off.",
    'Thanks, but why is the lock still dropped here?',
    'You are introducing the autoremove linked to the endpoint device. That will make a kernel warn at least.',
  ])('disputes: %s', (t) => expect(commenterStance(t)).toBe('dispute'));

  it('reads a long acknowledgement with no pushback as more than an acknowledgement', () => {
    expect(commenterStance(`Thanks. ${'word '.repeat(60)}`)).toBe('dispute');
  });

  it('tells agreeing answers from explanations', () => {
    expect(answerStance('Exactly right. cxl_mem_probe() failure does the job.\n\nSorry for the noise.')).toBe('agrees');
    expect(answerStance('Fair point.')).toBe('agrees');
    expect(answerStance('It happens in detach_memdev().')).toBe('explains');
    expect(answerStance('Why does the CXL core naming need to cater to accelerator vs expansion use case naming?')).toBe('explains');
  });

  it('sees approvals', () => {
    expect(isApprovalOnly(['Reviewed-by: A <a@b.c>'])).toBe(true);
    expect(isApprovalOnly(['Good to have that detail in the commit message as it is good justification for the change. Otherwise LGTM.', '', 'Reviewed-by: A <a@b.c>'])).toBe(true);
    expect(isApprovalOnly(['Please move this to the commit message instead, it should not be lost when the series is applied.', 'Reviewed-by: A <a@b.c>'])).toBe(false);
    expect(isApprovalOnly(['No trailer here.'])).toBe(false);
  });
});
