// Declarations only (see Foundation/Foundation.h).
#pragma once
#import <Foundation/Foundation.h>
typedef NSString *AVAudioSessionMode;
typedef NSString *AVAudioSessionCategory;
extern AVAudioSessionMode const AVAudioSessionModeVideoChat;
extern AVAudioSessionMode const AVAudioSessionModeVoiceChat;
extern AVAudioSessionCategory const AVAudioSessionCategoryPlayAndRecord;
typedef NS_ENUM(NSUInteger, AVAudioSessionPortOverride) { AVAudioSessionPortOverrideNone = 0, AVAudioSessionPortOverrideSpeaker = 0x73706b72 };
@interface AVAudioSession : NSObject
- (BOOL)setMode:(AVAudioSessionMode)mode error:(NSError **)e;
- (BOOL)overrideOutputAudioPort:(AVAudioSessionPortOverride)o error:(NSError **)e;
- (BOOL)setCategory:(NSString *)category withOptions:(NSUInteger)options error:(NSError **)e;
+ (AVAudioSession *)sharedInstance;
- (BOOL)setCategory:(NSString *)category error:(NSError **)e;
- (BOOL)setActive:(BOOL)a error:(NSError **)e;
@end
typedef NS_ENUM(NSInteger, AVCaptureDevicePosition) { AVCaptureDevicePositionUnspecified = 0, AVCaptureDevicePositionBack = 1, AVCaptureDevicePositionFront = 2 };
typedef NS_ENUM(NSInteger, AVCaptureSessionInterruptionReason) { AVCaptureSessionInterruptionReasonVideoDeviceNotAvailableInBackground = 1, AVCaptureSessionInterruptionReasonAudioDeviceInUseByAnotherClient = 2, AVCaptureSessionInterruptionReasonVideoDeviceInUseByAnotherClient = 3, AVCaptureSessionInterruptionReasonVideoDeviceNotAvailableWithMultipleForegroundApps = 4, AVCaptureSessionInterruptionReasonVideoDeviceNotAvailableDueToSystemPressure = 5 };
typedef struct { int32_t width; int32_t height; } CMVideoDimensions;
@interface AVCaptureDevice : NSObject
@property (nonatomic, readonly) AVCaptureDevicePosition position;
@property (nonatomic, readonly) NSString *uniqueID;
@end
@interface NSOrderedSet<ObjectType> : NSObject <NSFastEnumeration>
@property (readonly) NSUInteger count;
- (ObjectType)objectAtIndex:(NSUInteger)i;
@property (readonly) ObjectType firstObject;
@property (readonly) ObjectType lastObject;
@end
