export const AGORA_APP_ID = 'aabbccddeeff00112233445566778899';
