// Declarations only (see Foundation/Foundation.h).
#pragma once
#import <Foundation/Foundation.h>
@interface AVAudioSession : NSObject
+ (AVAudioSession *)sharedInstance;
- (BOOL)setCategory:(NSString *)category error:(NSError **)e;
- (BOOL)setActive:(BOOL)a error:(NSError **)e;
@end
