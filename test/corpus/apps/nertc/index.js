// NetEase NERTC Web app: client with an app key, debug-mode join without a token.
import NERTC from 'nertc-web-sdk';

const client = NERTC.createClient({ appkey: '0123456789abcdef0123456789abcdef', debug: true }); // @expect api netease-yunxin init
client.join({ channelName: 'lobby', uid: 1001, token: null }); // @expect api netease-yunxin join
