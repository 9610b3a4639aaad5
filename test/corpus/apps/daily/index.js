// Daily app: a call object joined to a room URL on the app's Daily domain.
import DailyIframe from '@daily-co/daily-js';

const call = DailyIframe.createCallObject({ audioSource: true, videoSource: false }); // @expect api daily init
call.join({ url: 'https://acme.daily.co/standup', token: sessionStorage.getItem('dailyToken'), userName: 'alice' }); // @expect api daily join
